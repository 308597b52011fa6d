/**
 * Which web addresses the package treats as secure. https, and plain http only on loopback
 * (localhost, 127.0.0.1, [::1]): browsers count loopback as a "potentially trustworthy origin"
 * (W3C Secure Contexts), so microphone, camera and postMessage origin checks behave as on https.
 * That is where a local stand-in runs (the workbench); nothing in an org is ever on loopback.
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for http://localhost, http://127.0.0.1 and http://[::1], any port. */
export function isLoopbackHttp(url: URL): boolean {
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname.toLowerCase());
}

/** True for https URLs and loopback http URLs. */
export function isSecureWebUrl(url: URL): boolean {
    return url.protocol === 'https:' || isLoopbackHttp(url);
}
