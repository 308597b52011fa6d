/** A generator writes files derived from one source of truth and returns the paths it wrote. */
export type Generator = () => Promise<string[]> | string[];
