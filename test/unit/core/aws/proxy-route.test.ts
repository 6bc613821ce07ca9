import { describe, expect, it } from 'vitest';
import { describeProxyRoute, pickProxyEnv, proxyRouteFor } from '../../../../src/core/aws/proxy-route';

describe('which proxy a request goes through, as the AWS CLI and curl choose it', () => {
  it('HTTPS_PROXY for https endpoints, HTTP_PROXY for http ones, each naming its variable', () => {
    const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'http://plain.corp:8080' };
    expect(proxyRouteFor('https://sts.eu-west-1.amazonaws.com', env)).toMatchObject({ url: 'http://proxy.corp:3128', variable: 'HTTPS_PROXY' });
    expect(proxyRouteFor('http://memorydb.example:4566', env)).toMatchObject({ url: 'http://plain.corp:8080', variable: 'HTTP_PROXY' });
    expect(proxyRouteFor('https://iam.amazonaws.com', { HTTP_PROXY: 'http://plain.corp:8080' })).toBeNull();
  });

  it('the lower-case variable wins, and a value without a scheme is http://', () => {
    const route = proxyRouteFor('https://iam.amazonaws.com', { https_proxy: 'proxy.corp:3128', HTTPS_PROXY: 'http://other:1' });
    expect(route).toMatchObject({ url: 'http://proxy.corp:3128', variable: 'https_proxy' });
  });

  it.each([
    ['*', 'https://sts.amazonaws.com'],
    ['amazonaws.com', 'https://sts.eu-west-1.amazonaws.com'],
    ['.amazonaws.com', 'https://sts.eu-west-1.amazonaws.com'],
    ['*.amazonaws.com', 'https://iam.amazonaws.com'],
    ['intranet, iam.amazonaws.com', 'https://iam.amazonaws.com'],
    ['iam.amazonaws.com:443', 'https://iam.amazonaws.com'],
  ])('NO_PROXY=%s sends %s direct', (noProxy, url) => {
    expect(proxyRouteFor(url, { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: noProxy })).toBeNull();
  });

  it.each([
    ['mazonaws.com', 'https://sts.amazonaws.com'],
    ['iam.amazonaws.com:8443', 'https://iam.amazonaws.com'],
    ['sts.amazonaws.com', 'https://iam.amazonaws.com'],
  ])('NO_PROXY=%s still proxies %s', (noProxy, url) => {
    expect(proxyRouteFor(url, { HTTPS_PROXY: 'http://proxy:3128', no_proxy: noProxy })).toEqual({
      url: 'http://proxy:3128',
      shown: 'http://proxy:3128',
      variable: 'HTTPS_PROXY',
    });
  });

  it('never proxies this machine’s loopback: a proxy could not reach it', () => {
    const env = { HTTP_PROXY: 'http://proxy:3128', HTTPS_PROXY: 'http://proxy:3128' };
    for (const url of ['http://127.0.0.1:4566', 'http://localhost:4566', 'https://[::1]:443', 'http://127.10.0.3'])
      expect(proxyRouteFor(url, env), url).toBeNull();
  });

  it('shows a proxy password masked, and keeps only the proxy variables of an environment', () => {
    const route = proxyRouteFor('https://sts.amazonaws.com', { HTTPS_PROXY: 'http://me:s3cret@proxy:3128' });
    expect(route?.url).toBe('http://me:s3cret@proxy:3128');
    expect(describeProxyRoute(route)).toBe(' through the proxy http://me:****@proxy:3128 (from HTTPS_PROXY)');
    expect(pickProxyEnv({ HOME: '/home/me', AWS_SECRET_ACCESS_KEY: 'x', NO_PROXY: 'corp', https_proxy: 'p:1' })).toEqual({
      NO_PROXY: 'corp',
      https_proxy: 'p:1',
    });
  });
});
