/**
 * Configuration: each setting is read and validated on its first use, once per container, and a
 * bad value names its variable.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError, config, publicUrl, tableName } from '../../shared/config';
import { resetRuntime } from '../../shared/runtime/container';

const saved = { PUBLIC_URL: process.env.PUBLIC_URL, TABLE_NAME: process.env.TABLE_NAME };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetRuntime();
});

describe('configuration', () => {
  it('fails a bad value naming the variable, at the first read of that setting only', () => {
    // Prepare
    process.env.PUBLIC_URL = 'ftp://cities.example.org';
    process.env.TABLE_NAME = 'cities-test';
    resetRuntime();

    // Act
    const read = () => publicUrl();

    // Assess: a function that reads only the table name is not stopped by the bad URL.
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(/^PUBLIC_URL must be an http\(s\) URL$/);
    expect(tableName()).toBe('cities-test');
  });

  it('reads a setting once per container until the runtime is reset', () => {
    // Prepare
    process.env.PUBLIC_URL = 'https://cities.example.org/';
    resetRuntime();
    const first = publicUrl();
    process.env.PUBLIC_URL = 'https://other.example.org';

    // Act
    const cached = publicUrl();
    resetRuntime();
    const reread = publicUrl();

    // Assess
    expect(first).toBe('https://cities.example.org');
    expect(cached).toBe('https://cities.example.org');
    expect(reread).toBe('https://other.example.org');
  });

  it('validates every setting together for scripts and tests, with the defaults', () => {
    // Prepare
    delete process.env.PUBLIC_URL;
    delete process.env.TABLE_NAME;

    // Act
    const all = config({});

    // Assess
    expect(all).toMatchObject({ TABLE_NAME: 'cities-seeking-cities', PUBLIC_URL: 'http://localhost:3000', DIGEST_SEND_RATE: 10, COORDINATOR_ROUTES: {} });
  });
});
