/**
 * The Lead "Streem Video Call" button (Streem's beginner path) must send what buildEmbedUrl
 * sends. Salesforce evaluates the URL's {!...} expressions and, for a URL button with
 * encodingKey UTF-8, URL-encodes each result once, form style (space as +; Salesforce Help,
 * "URLENCODE": "Salesforce first encodes the URL according to the custom button or link
 * setting"). This test does the same with a small evaluator for the functions the button uses.
 */
import { XMLParser } from 'fast-xml-parser';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_DIR } from '../lib/paths';
import { buildEmbedUrl, normalizeBaseUrl } from '../../force-app/main/default/lwc/streemUrl/streemUrl';

const WEBLINK_FILE = path.join(DEFAULT_DIR, 'objects', 'Lead', 'webLinks', 'Streem_Video_Call.webLink-meta.xml');
const LABELS_FILE = path.join(DEFAULT_DIR, 'labels', 'Streem.labels-meta.xml');
const CSP_FILE = path.join(DEFAULT_DIR, 'cspTrustedSites', 'Streem.cspTrustedSite-meta.xml');

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: true });
const read = (file: string): Record<string, unknown> =>
    parser.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

const webLink = read(WEBLINK_FILE).WebLink as Record<string, string>;
const labels = (read(LABELS_FILE).CustomLabels as { labels: { fullName: string; value: string }[] }).labels;
const csp = read(CSP_FILE).CspTrustedSite as Record<string, string>;
const LABEL_BASE_URL = labels.find((l) => l.fullName === 'Streem_Base_Url')!.value;

type Lead = Record<string, string | null>;

/** Java URLEncoder / application/x-www-form-urlencoded, as Salesforce encodes merge results. */
function formEncode(value: string): string {
    // encodeURIComponent also leaves ! ' ( ) ~ alone, which URLEncoder escapes; and it writes space as %20.
    return encodeURIComponent(value)
        .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, '+');
}

/** The 18-character, case-insensitive form of a 15-character Salesforce Id. */
function caseSafeId(id: string): string {
    if (id.length !== 15) return id;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const char = id.charAt(chunk * 5 + i);
            if (char >= 'A' && char <= 'Z') bits += 1 << i;
        }
        suffix += alphabet.charAt(bits);
    }
    return id + suffix;
}

/** Evaluates the formula subset the button uses: Lead.Field, "text", SUBSTITUTE, BLANKVALUE, CASESAFEID. */
function evaluate(expression: string, lead: Lead): string {
    let position = 0;
    const skip = (): void => {
        while (/\s/.test(expression.charAt(position))) position++;
    };
    const expect = (char: string): void => {
        skip();
        if (expression.charAt(position) !== char) throw new Error(`expected ${char} at ${position} in ${expression}`);
        position++;
    };
    const parse = (): string => {
        skip();
        if (expression.charAt(position) === '"') {
            const end = expression.indexOf('"', position + 1);
            const text = expression.slice(position + 1, end);
            position = end + 1;
            return text;
        }
        const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(expression.slice(position))![0];
        position += name.length;
        skip();
        if (expression.charAt(position) !== '(') {
            if (!name.startsWith('Lead.')) throw new Error(`unsupported merge field ${name}`);
            return lead[name.slice(5)] ?? '';
        }
        position++;
        const args: string[] = [parse()];
        skip();
        while (expression.charAt(position) === ',') {
            position++;
            args.push(parse());
            skip();
        }
        expect(')');
        switch (name) {
            case 'SUBSTITUTE':
                return args[0]!.split(args[1]!).join(args[2]);
            case 'BLANKVALUE':
                return args[0]!.trim() ? args[0]! : args[1]!;
            case 'CASESAFEID':
                return caseSafeId(args[0]!);
            default:
                throw new Error(
                    `the button uses ${name}, which this test cannot evaluate (URLENCODE would double-encode)`
                );
        }
    };
    const value = parse();
    skip();
    if (position !== expression.length) throw new Error(`trailing input in ${expression}`);
    return value;
}

/** What the browser is sent when the button is clicked on this lead. */
function clickButton(lead: Lead): string {
    return webLink.url!.replace(/\{!([^}]*)\}/g, (_match, expression: string) =>
        formEncode(evaluate(expression, lead))
    );
}

/** The component's URL for the same lead (base from the label, redirect to /streems). */
function componentUrl(lead: Lead): string {
    return buildEmbedUrl({
        baseUrl: LABEL_BASE_URL,
        name: lead.Name,
        phone: lead.MobilePhone || lead.Phone,
        refId: caseSafeId(lead.Id!),
        source: 'SFDC',
        redirect: 'streems'
    });
}

const params = (url: string): [string, string][] => [...new URL(url).searchParams.entries()];

describe('Lead Streem_Video_Call button', () => {
    it('is a URL detail-page button that opens Streem in a new window, UTF-8 encoded', () => {
        expect(webLink).toMatchObject({
            fullName: 'Streem_Video_Call',
            displayType: 'button',
            linkType: 'url',
            openType: 'newWindow',
            encodingKey: 'UTF-8',
            availability: 'online'
        });
        expect(webLink.url).not.toMatch(/URLENCODE/i);
        // No whitespace outside the formulas (a formatter that wraps XML text would break the URL).
        expect(webLink.url!.replace(/\{![^}]*\}/g, '')).not.toMatch(/\s/);
    });

    it('points at the same Streem address as the label and the trusted URL', () => {
        const base = normalizeBaseUrl(LABEL_BASE_URL);
        expect(webLink.url!.startsWith(`${base}/embed?`)).toBe(true);
        expect(webLink.url).toContain(`redirect=${encodeURIComponent(`${base}/streems?refId=`)}{!`);
        expect(normalizeBaseUrl(csp.endpointUrl)).toBe(base);
    });

    it('sends exactly the URL buildEmbedUrl builds for a plain lead', () => {
        const lead: Lead = { Id: '00Q5e00000AbCdE', Name: 'Joe', MobilePhone: '(503) 555-1212', Phone: null };
        expect(clickButton(lead)).toBe(componentUrl(lead));
    });

    it.each<[string, Lead]>([
        [
            'hostile name, Phone fallback',
            {
                Id: '00Q5e00000AbCdE',
                Name: `Zoë "O'Hara" & Sons + Co. 100% #1 ?=/ <b>`,
                MobilePhone: null,
                Phone: '503.555.1212'
            }
        ],
        ['emoji and unicode', { Id: '00Q5e00000XyZzz', Name: '山田 太郎 👩🏽‍🔧', MobilePhone: '503 555 1212', Phone: '' }]
    ])('sends the same parameters, decoded, as buildEmbedUrl: %s', (_label, lead) => {
        const clicked = clickButton(lead);
        expect(params(clicked)).toEqual(params(componentUrl(lead)));
        // The redirect decodes (once) to the call-log URL with the 18-character Id.
        expect(new URL(clicked).searchParams.get('redirect')).toBe(
            `${normalizeBaseUrl(LABEL_BASE_URL)}/streems?refId=${caseSafeId(lead.Id!)}`
        );
    });

    it('only strips formatting from the phone: trunk prefixes and +codes need the component', () => {
        const lead: Lead = { Id: '00Q5e00000AbCdE', Name: 'Joe', MobilePhone: '1-503-555-1212', Phone: null };
        expect(new URL(clickButton(lead)).searchParams.get('phone')).toBe('15035551212');
        expect(new URL(componentUrl(lead)).searchParams.get('phone')).toBe('5035551212');
    });
});

describe('Streem custom labels', () => {
    it('are single-line and trimmed (an XML formatter that wraps text would change them)', () => {
        const parsedRaw = new XMLParser({ trimValues: false, parseTagValue: false }).parse(
            fs.readFileSync(LABELS_FILE, 'utf8')
        ) as { CustomLabels: { labels: { fullName: string; value: string }[] } };
        for (const label of parsedRaw.CustomLabels.labels) {
            expect(label.fullName).toMatch(/^Streem_/);
            expect(label.value).toBe(label.value.trim());
            expect(label.value).not.toMatch(/\n/);
        }
    });
});

describe('Streem trusted URL', () => {
    it('ships inactive with the placeholder, so it trusts no real domain until the admin sets the address', () => {
        expect(csp.isActive).toBe('false');
        expect(csp.endpointUrl).toBe(LABEL_BASE_URL);
    });

    it('allows framing, camera and microphone for Lightning Experience only', () => {
        expect(csp).toMatchObject({
            context: 'LEX',
            isApplicableToFrameSrc: 'true',
            canAccessCamera: 'true',
            canAccessMicrophone: 'true',
            isApplicableToConnectSrc: 'false',
            isApplicableToImgSrc: 'false'
        });
    });
});
