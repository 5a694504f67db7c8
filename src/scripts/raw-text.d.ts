// Vite turns `?raw` imports into the file's text (the script API's typings and examples).
declare module '*?raw' {
  const text: string;
  export default text;
}
