// esbuild's `file` loader turns these imports into the emitted file's URL.
declare module '*.svg' {
  const url: string;
  export default url;
}
