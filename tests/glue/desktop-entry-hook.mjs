/**
 * afterPack hook for tests/glue/package.test.ts only: writes the Linux desktop entry that
 * electron-builder would put in the AppImage, deb and rpm (those targets need tools this
 * machine cannot download), computed by electron-builder's own LinuxTargetHelper.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper.js';

export default async function writeDesktopEntryPreview(context) {
  const helper = new LinuxTargetHelper(context.packager);
  const entry = await helper.computeDesktopEntry(context.packager.platformSpecificBuildOptions);
  writeFileSync(join(context.appOutDir, 'desktop-entry-preview.desktop'), entry);
}
