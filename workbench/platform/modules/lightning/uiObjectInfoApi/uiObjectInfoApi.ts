/**
 * `lightning/uiObjectInfoApi` for the workbench: getObjectInfos reads the workbench org's object
 * metadata as the agent sees it (platform/org/objectInfo.ts: the fields field-level security hides
 * are left out, as UI API leaves them out).
 *
 * Follows "getObjectInfos" (developer.salesforce.com/docs/platform/lwc/guide/reference-get-object-infos.html):
 * config `{ objectApiNames }`; the wire delivers `{ data: { results: [{ statusCode, result }] } }` or
 * `{ error }`, starting with both undefined while loading; no object names means no request.
 */
import { api } from 'lex/runtime';

interface GetObjectInfosConfig {
    objectApiNames?: readonly (string | { objectApiName: string })[];
}

interface WireValue {
    data: unknown;
    error: unknown;
}

/** Wire adapter behind @wire(getObjectInfos, { objectApiNames }). */
export class getObjectInfos {
    private config: GetObjectInfosConfig | undefined;
    private connected = false;
    private request = 0;

    constructor(private readonly dataCallback: (value: WireValue) => void) {}

    update(config: GetObjectInfosConfig): void {
        this.config = config;
        void this.load();
    }

    connect(): void {
        this.connected = true;
        void this.load();
    }

    disconnect(): void {
        this.connected = false;
    }

    private async load(): Promise<void> {
        const names = (this.config?.objectApiNames ?? []).map((name) =>
            typeof name === 'string' ? name : name.objectApiName
        );
        if (!this.connected || names.length === 0) return;
        const request = ++this.request;
        let value: WireValue;
        try {
            const data = await api<{ results: unknown[] }>(`objectInfos?names=${encodeURIComponent(names.join(','))}`);
            value = { data, error: undefined };
        } catch (error) {
            value = {
                data: undefined,
                error: { status: 503, body: { message: error instanceof Error ? error.message : String(error) } }
            };
        }
        if (request === this.request && this.connected) this.dataCallback(value);
    }
}
