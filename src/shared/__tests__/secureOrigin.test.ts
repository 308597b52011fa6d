import { isLoopbackHttp, isSecureWebUrl } from '../secureOrigin';

describe('secureOrigin', () => {
    it.each([
        ['https://acme.streempro.app', true],
        ['http://127.0.0.1:4800', true],
        ['http://localhost', true],
        ['http://[::1]:8080', true],
        ['http://127.0.0.2', false],
        ['http://localhost.example.com', false],
        ['http://acme.streempro.app', false],
        ['ftp://localhost', false]
    ])('%s is secure: %s', (raw, secure) => {
        expect(isSecureWebUrl(new URL(raw))).toBe(secure);
    });

    it('only plain http on loopback counts as loopback http', () => {
        expect(isLoopbackHttp(new URL('https://localhost'))).toBe(false);
        expect(isLoopbackHttp(new URL('http://LOCALHOST:1'))).toBe(true);
    });
});
