/** Trims a display name (a service module: no template). */
export function formatName(name) {
    return String(name ?? '').trim();
}
