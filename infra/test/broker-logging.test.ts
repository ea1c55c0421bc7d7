// Which logging backend and configuration a Kafka version gets: a broker started with the other
// backend logs nothing, and the launcher waits for "Kafka Server started" in its log.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokerLogging, brokerLoggingJvmArg, COMPAT_KAFKA_VERSION, DEFAULT_KAFKA_VERSION } from '../kafka/kafka-install.ts';

describe('brokerLogging', () => {
  it('gives Kafka 4 log4j 2 and Kafka 3 reload4j, as their own distributions ship', () => {
    expect(brokerLogging(DEFAULT_KAFKA_VERSION)).toEqual({
      backend: { groupId: 'org.apache.logging.log4j', artifactId: 'log4j-slf4j-impl', version: '2.25.5' },
      configFile: 'log4j2.properties',
      configProperty: 'log4j2.configurationFile',
    });
    expect(brokerLogging('4.0.0').configFile).toBe('log4j2.properties');
    expect(brokerLogging(COMPAT_KAFKA_VERSION)).toEqual({
      backend: { groupId: 'org.slf4j', artifactId: 'slf4j-reload4j', version: '1.7.36' },
      configFile: 'log4j-reload4j.properties',
      configProperty: 'log4j.configuration',
    });
  });

  it('points the JVM at a configuration file that exists', () => {
    for (const version of [DEFAULT_KAFKA_VERSION, COMPAT_KAFKA_VERSION]) {
      const arg = brokerLoggingJvmArg(version);
      const file = arg.slice(arg.indexOf('=file:') + '=file:'.length);
      expect(path.basename(file)).toBe(brokerLogging(version).configFile);
      expect(fs.existsSync(file)).toBe(true);
    }
  });

  it('refuses a version that is not MAJOR.MINOR.PATCH, naming the variable', () => {
    expect(() => brokerLogging('4.4')).toThrow('kafka: version "4.4" is not of the form MAJOR.MINOR.PATCH (SL_KAFKA_VERSION?)');
    expect(() => brokerLogging('latest')).toThrow('kafka: version "latest" is not of the form MAJOR.MINOR.PATCH (SL_KAFKA_VERSION?)');
  });
});
