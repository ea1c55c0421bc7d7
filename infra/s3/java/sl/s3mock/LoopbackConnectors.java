package sl.s3mock;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Binds S3Mock's extra plain-HTTP connector to the same address as its main connector.
 *
 * S3Mock adds that connector itself (S3MockConfiguration#webServerFactory) with only a port, so
 * Tomcat binds it on every interface and `server.address` does not reach it. This initializer,
 * enabled with `--context.initializer.classes=sl.s3mock.LoopbackConnectors`, registers a bean
 * post-processor that runs after the factory bean is built (connectors added) and before the web
 * server starts (nothing bound yet), and sets the address on every additional connector.
 */
public final class LoopbackConnectors
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    String address = context.getEnvironment().getProperty("server.address", "127.0.0.1");
    context.getBeanFactory().addBeanPostProcessor(new BindAdditionalConnectors(address));
  }

  private static final class BindAdditionalConnectors implements BeanPostProcessor {
    private final String address;

    BindAdditionalConnectors(String address) {
      this.address = address;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName)
        throws BeansException {
      if (bean instanceof TomcatServletWebServerFactory factory) {
        for (Connector connector : factory.getAdditionalTomcatConnectors()) {
          bind(connector);
        }
      }
      return bean;
    }

    private void bind(Connector connector) {
      if (!(connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol)) {
        // Refuse to start rather than silently listen on every interface.
        throw new IllegalStateException(
            "cannot set the address of connector " + connector + ": unexpected protocol handler");
      }
      try {
        protocol.setAddress(InetAddress.getByName(address));
      } catch (UnknownHostException e) {
        throw new IllegalStateException("server.address is not a valid address: " + address, e);
      }
    }
  }
}
