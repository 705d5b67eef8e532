// Node has WebAssembly at runtime, but without the DOM lib TypeScript does not declare it.
// Only what this project uses is declared here.
declare namespace WebAssembly {
  interface Module {
    readonly __brand?: 'WebAssembly.Module';
  }
  function compile(bytes: ArrayBufferView | ArrayBuffer): Promise<Module>;
}
