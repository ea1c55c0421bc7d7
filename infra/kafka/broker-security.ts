// SASL/SCRAM authentication and ACL authorization for the local broker, so brand-scoped access is
// tested against Kafka's real authorizer. The client listener speaks SCRAM-SHA-256; the KRaft
// controller listener speaks PLAIN with the admin's static credentials, because a PLAINTEXT
// controller would see the broker as User:ANONYMOUS, which would then have to be a super user:
// an unauthenticated back door on the controller port.

export interface ScramUser {
  /** Letters, digits, '.', '_' and '-'. */
  username: string;
  /** Letters, digits and ._~!@#$%^&*+- (no quotes, commas, brackets or '=', which the storage tool and JAAS would read as syntax). */
  password: string;
}

export interface KafkaBrokerSecurityOptions {
  /** The super user: ACLs do not apply to it, and the broker authenticates as it to itself and to its controller. */
  admin: ScramUser;
  /**
   * Further SCRAM-SHA-256 users. Written into the cluster metadata when the data directory is first
   * formatted; a later start with the same directory keeps the users it was formatted with.
   * @default []
   */
  users?: ScramUser[];
  /** Serve the client listener over TLS (SASL_SSL) with a certificate for 127.0.0.1 signed by a CA made for this data directory. @default false */
  tls?: boolean;
}

/** PEM files the TLS listener serves; the CA is what clients trust. */
export interface BrokerTlsFiles {
  caFile: string;
  /** The broker's private key (PKCS#8, unencrypted) followed by its certificate. */
  keyAndCertFile: string;
}

const usernamePattern = /^[A-Za-z0-9._-]+$/;
const passwordPattern = /^[A-Za-z0-9._~!@#$%^&*+-]+$/;

export function assertValidSecurity(security: KafkaBrokerSecurityOptions): void {
  const all = [security.admin, ...(security.users ?? [])];
  const seen = new Set<string>();
  for (const user of all) {
    if (!usernamePattern.test(user.username)) {
      throw new Error(`kafka: SCRAM username ${JSON.stringify(user.username)} must match ${usernamePattern}`);
    }
    // The password itself is never put in the message.
    if (!passwordPattern.test(user.password)) {
      throw new Error(`kafka: the password of SCRAM user ${user.username} may only use letters, digits and ._~!@#$%^&*+-`);
    }
    if (seen.has(user.username)) throw new Error(`kafka: SCRAM user ${user.username} is listed twice`);
    seen.add(user.username);
  }
}

/** `kafka-storage format` arguments that create every SCRAM user in the initial metadata (KRaft has no ZooKeeper to add them to later). */
export function scramFormatArgs(security: KafkaBrokerSecurityOptions): string[] {
  return [security.admin, ...(security.users ?? [])].flatMap((user) => [
    '--add-scram',
    `SCRAM-SHA-256=[name=${user.username},password=${user.password}]`,
  ]);
}

/** Listener, SASL and authorizer properties that replace the PLAINTEXT listeners. */
export function secureListenerProperties(options: {
  port: number;
  controllerPort: number;
  security: KafkaBrokerSecurityOptions;
  tlsFiles: BrokerTlsFiles | undefined;
}): string[] {
  const { admin } = options.security;
  const clientProtocol = options.tlsFiles ? 'SASL_SSL' : 'SASL_PLAINTEXT';
  const lines = [
    `listeners=CLIENT://127.0.0.1:${options.port},CONTROLLER://127.0.0.1:${options.controllerPort}`,
    `advertised.listeners=CLIENT://127.0.0.1:${options.port}`,
    'controller.listener.names=CONTROLLER',
    `listener.security.protocol.map=CLIENT:${clientProtocol},CONTROLLER:SASL_PLAINTEXT`,
    'inter.broker.listener.name=CLIENT',
    'listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-256',
    'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-256',
    `listener.name.client.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${admin.username}" password="${admin.password}";`,
    // SCRAM credentials live in the metadata the controller serves, so the controller itself
    // authenticates with PLAIN against this one static user.
    'listener.name.controller.sasl.enabled.mechanisms=PLAIN',
    'sasl.mechanism.controller.protocol=PLAIN',
    `listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${admin.username}" password="${admin.password}" user_${admin.username}="${admin.password}";`,
    'authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    `super.users=User:${admin.username}`,
    // Deny by default: a topic or group without ACLs is closed to everyone but the super user.
    'allow.everyone.if.no.acl.found=false',
  ];
  if (options.tlsFiles) {
    lines.push(
      'ssl.keystore.type=PEM',
      `ssl.keystore.location=${options.tlsFiles.keyAndCertFile}`,
      // The broker's own client (inter-broker) checks the listener's certificate like any client.
      'ssl.truststore.type=PEM',
      `ssl.truststore.location=${options.tlsFiles.caFile}`,
      'ssl.endpoint.identification.algorithm=https',
    );
  }
  return lines;
}
