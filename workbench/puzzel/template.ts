/**
 * A contact center's CRM pop URL template, filled with a call's variables (seed 003, "CRM pop":
 * "The URL can contain variables, e.g. http://myserver.com/myapplication.php?customerNumber=12345").
 * `{name}` placeholders take the variable's value, URL-encoded; unknown placeholders become empty, as
 * a contact center leaves a variable it has no value for. Shared by the Puzzel-style and Ameyo stand-ins.
 */
export function fillTemplate(template: string, variables: Readonly<Record<string, string>>): string {
    return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_m, name: string) =>
        encodeURIComponent(Object.prototype.hasOwnProperty.call(variables, name) ? (variables[name] ?? '') : '')
    );
}

/** Appends parameters to a URL as a contact center's passive URL integration does (seed 001: "appending get request parameters to the configured crm url"). */
export function appendParams(base: string, params: Readonly<Record<string, string>>): string {
    const query = Object.entries(params)
        .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
        .join('&');
    if (!query) return base;
    return `${base}${base.includes('?') ? (/[?&]$/.test(base) ? '' : '&') : '?'}${query}`;
}

/** Values a hostile or broken contact center may send: markup, script URLs, quotes, bidi overrides, huge text. */
export const HOSTILE_VALUES = {
    phone: '<img src=x onerror=alert(1)>+1 503 555 0100',
    queue: '"><script>alert("queue")</script>',
    callId: "x' OR CallObject != '' --\u202e<b>bold</b>",
    agent: 'javascript:alert(1)',
    disposition: `<svg onload=alert(1)>${'A'.repeat(3000)}`,
    duration: '-5; DROP TABLE'
} as const;
