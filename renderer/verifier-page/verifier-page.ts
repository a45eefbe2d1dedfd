/**
 * The interface of the offline verifier page (verify.html beside every package): pick or drop
 * the package and a key, verify in the page, read the report. Nothing leaves the page: the
 * package is read from disk as a stream and the page may fetch nothing (its CSP says so).
 */
import type { PageKey, VerifierCore } from './core';
import { reportView } from './report-view';

function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (e === null) throw new Error(`The page lacks #${id}.`);
  return e as T;
}

/** The package and identity file chosen so far (picked or dropped). */
interface Chosen {
  pkg: File | null;
  identity: File | null;
}

/** Where a run stands; tests and assistive technology read it from the status line. */
type State = 'ready' | 'busy' | 'done' | 'error';

function say(text: string, state: State): void {
  const status = byId<HTMLParagraphElement>('status');
  status.textContent = text;
  status.dataset['state'] = state;
  status.setAttribute('role', state === 'error' ? 'alert' : 'status');
}

function mib(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

async function keyOf(chosen: Chosen): Promise<PageKey | null> {
  const passphrase = byId<HTMLInputElement>('passphrase').value;
  if (passphrase !== '') return { passphrase };
  if (chosen.identity !== null) return { identityText: await chosen.identity.text() };
  return null;
}

async function run(core: VerifierCore, chosen: Chosen): Promise<void> {
  const pkg = chosen.pkg;
  const key = await keyOf(chosen);
  if (pkg === null || key === null) {
    say('Choose the package (.tar.age) and either your age identity file or the passphrase first.', 'error');
    return;
  }
  const bar = byId<HTMLProgressElement>('progress');
  const button = byId<HTMLButtonElement>('verify');
  byId('result').replaceChildren();
  button.disabled = true;
  bar.max = pkg.size;
  bar.value = 0;
  say(`Checking ${pkg.name} (${mib(pkg.size)})…`, 'busy');
  const started = performance.now();
  try {
    const report = await core.verify(pkg.stream(), key, (done) => {
      bar.value = done;
    });
    bar.value = pkg.size;
    byId('result').replaceChildren(reportView(report, pkg.name));
    say(
      `Finished in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
        `${report.ok ? 'every check passed' : 'problems found'}.`,
      'done',
    );
  } catch (err) {
    say(err instanceof Error ? err.message : String(err), 'error');
  } finally {
    button.disabled = false;
  }
}

function showChosen(chosen: Chosen): void {
  byId('chosen-package').textContent =
    chosen.pkg === null ? 'No package chosen.' : `Package: ${chosen.pkg.name} (${mib(chosen.pkg.size)})`;
  byId('chosen-identity').textContent =
    chosen.identity === null ? 'No identity file chosen.' : `Identity file: ${chosen.identity.name}`;
}

/** Dropped files: one ending .age is the package, any other the identity file. */
function takeDropped(files: FileList, chosen: Chosen): void {
  for (const f of Array.from(files)) {
    if (f.name.endsWith('.age')) chosen.pkg = f;
    else chosen.identity = f;
  }
  showChosen(chosen);
}

/** Wires the page's form to `core`. */
export function mountVerifierPage(core: VerifierCore): void {
  const chosen: Chosen = { pkg: null, identity: null };
  const pkgInput = byId<HTMLInputElement>('package');
  const idInput = byId<HTMLInputElement>('identity');
  pkgInput.addEventListener('change', () => {
    chosen.pkg = pkgInput.files?.[0] ?? null;
    showChosen(chosen);
  });
  idInput.addEventListener('change', () => {
    chosen.identity = idInput.files?.[0] ?? null;
    showChosen(chosen);
  });
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    if (e.dataTransfer !== null) takeDropped(e.dataTransfer.files, chosen);
  });
  byId<HTMLFormElement>('form').addEventListener('submit', (e) => {
    e.preventDefault();
    void run(core, chosen);
  });
  showChosen(chosen);
  say('Ready. Nothing you choose leaves this page.', 'ready');
}
