import { readFile } from 'node:fs/promises';
import { VigilError } from '../../../shared/errors';
import { RedactionBoxesFileSchema, type RedactionBox } from '../../../shared/redaction';

/**
 * The boxes of a boxes file (docs/DESIGN.md, "Redacted derivatives"); INVALID_INPUT naming the file, the box and the
 * problem.
 */
export async function readBoxesFile(file: string): Promise<RedactionBox[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new VigilError('NOT_FOUND', `Cannot read the boxes file ${file}.`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new VigilError('INVALID_INPUT', `The boxes file ${file} is not valid JSON.`, { cause });
  }
  return parseBoxes(json, file);
}

/** Checks a boxes object (`{ "boxes": [...] }`); INVALID_INPUT naming the first problem. */
export function parseBoxes(json: unknown, where = 'the boxes'): RedactionBox[] {
  const parsed = RedactionBoxesFileSchema.safeParse(json);
  if (parsed.success) return parsed.data.boxes;
  const issue = parsed.error.issues[0];
  const [, index, field] = issue?.path ?? [];
  const at =
    typeof index === 'number'
      ? ` box ${index + 1}${field === undefined ? '' : ` ${String(field)}`}`
      : issue?.path.length
        ? ` ${issue.path.join('.')}`
        : '';
  throw new VigilError(
    'INVALID_INPUT',
    `In ${where},${at}: ${issue?.message ?? 'invalid'}. A boxes file is { "boxes": [ { "page": 0, "x": 72, ` +
      `"y": 100, "width": 300, "height": 20 } ] } (page from 0; points for a PDF, pixels for an image).`,
  );
}
