/** Types of scripts/icons.mjs, for the test that reads the icon set. */
export function icoFromPngs(images: { size: number; png: Buffer }[]): Buffer;
