// Vite turns `?worker` imports into a constructor for a bundled module worker.
declare module '*?worker' {
  const WorkerConstructor: new () => Worker;
  export default WorkerConstructor;
}
