/** Hands data to the browser as a file download (in Electron: its save dialog). */
export function download(fileName: string, data: BlobPart, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has started reading the blob by now; keep it a while for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
