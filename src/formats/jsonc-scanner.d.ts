// jsonc-parser's scanner module alone: its package main is a UMD wrapper that bundlers cannot follow.
declare module 'jsonc-parser/lib/esm/impl/scanner.js' {
  import type { JSONScanner } from 'jsonc-parser';
  export function createScanner(text: string, ignoreTrivia?: boolean): JSONScanner;
}
