/**
 * The part of `@locker/compiler` (Salesforce's Lightning Web Security module compiler, which ships
 * no types) that the workbench uses; shapes from the package's README.
 */
declare module '@locker/compiler' {
    export interface CompileOptions {
        /** The key of the sandbox the module's body is evaluated in (one sandbox per key). */
        sandboxKey?: string;
        componentName?: string;
        filename?: string;
        sourceMap?: boolean;
        compilationCache?: Map<string, unknown>;
    }
    export interface CompileResult {
        code: string;
        map: unknown;
        meta: { transforms: Record<string, boolean> };
    }
    export const Compiler: {
        compile(input: string, options?: CompileOptions): CompileResult;
    };
}
