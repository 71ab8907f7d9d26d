import { describe, expect, it } from 'vitest';
import { checkServerUrl, hostOf, isLoopbackHost } from './url';

describe('checkServerUrl', () => {
  it.each([
    ['https://accounts.example.com', 'https://accounts.example.com'],
    ['https://accounts.example.com/', 'https://accounts.example.com'],
    ['  https://Accounts.Example.com:8443/base/  ', 'https://accounts.example.com:8443/base'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['http://LOCALHOST', 'http://localhost'],
    ['http://127.0.0.1:3000/', 'http://127.0.0.1:3000'],
    ['http://[::1]:9000', 'http://[::1]:9000'],
    ['https://[2001:db8::1]', 'https://[2001:db8::1]'],
  ])('accepts %s', (input, normalised) => {
    expect(checkServerUrl(input)).toEqual({ state: 'valid', url: normalised });
  });

  it.each([
    ['http://accounts.example.com', /only allowed for this computer/],
    ['http://192.168.1.10', /only allowed for this computer/],
    ['http://127.0.0.2', /only allowed for this computer/],
    ['http://localhost.example.com', /only allowed for this computer/],
    ['http://[::2]', /only allowed for this computer/],
    ['ftp://files.example.com', /Only https/],
    ['accounts.example.com', /Start the address with https/],
    ['https://:443', /valid web address/],
    ['https://user:secret@accounts.example.com', /user name and password/],
    ['https://accounts.example.com/?next=1', /without \? or #/],
    ['https://accounts.example.com/#top', /without \? or #/],
    ['https://exa mple.com', /valid web address/],
  ])('rejects %s', (input, reason) => {
    const check = checkServerUrl(input);
    expect(check.state).toBe('invalid');
    if (check.state === 'invalid') expect(check.reason).toMatch(reason);
  });

  it('says nothing while the field is empty', () => {
    expect(checkServerUrl('')).toEqual({ state: 'empty' });
    expect(checkServerUrl('   ')).toEqual({ state: 'empty' });
  });

  it('does not scold while a scheme is being typed', () => {
    for (const partial of ['h', 'htt', 'http', 'https', 'https:', 'https:/', 'https://', 'HTTP://']) {
      expect(checkServerUrl(partial), partial).toEqual({ state: 'incomplete' });
    }
  });

  it('judges as soon as the input cannot become a valid scheme', () => {
    expect(checkServerUrl('hxtp').state).toBe('invalid');
  });
});

describe('isLoopbackHost', () => {
  it('knows exactly the three loopback spellings', () => {
    expect(['localhost', '127.0.0.1', '[::1]', 'LocalHost'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['::1', '0.0.0.0', 'example.com'].map(isLoopbackHost)).toEqual([false, false, false]);
  });
});

describe('hostOf', () => {
  it('shows host and port', () => {
    expect(hostOf('https://accounts.example.com/base')).toBe('accounts.example.com');
    expect(hostOf('http://127.0.0.1:41873')).toBe('127.0.0.1:41873');
  });

  it('falls back to the input when it is not a URL', () => {
    expect(hostOf('not a url')).toBe('not a url');
  });
});
