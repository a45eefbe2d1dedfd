import type { PackageCheckName, SignerTrustStatus } from '../../../shared/domain';
import { printable } from '../printable';
import type { UpdateFacts } from '../update/update-marker';

/** The checks a package verification runs, in the order a reader meets them (PACKAGE_CHECKS). */
export type CheckName = PackageCheckName;

/**
 * One verdict in words a lawyer can read; `subject` says where (a file, an entry). A `warning`
 * is something to know that does not fail the package (`ok` stays true).
 */
export interface PackageCheck {
  check: CheckName;
  ok: boolean;
  warning?: boolean;
  subject?: string;
  detail: string;
}

/** A signer named in keys.txt: name, Ed25519 key (hex) and the fingerprint to compare out of band. */
export interface PackageSigner {
  name: string;
  publicKey: string;
  fingerprint: string;
}

/** What the receiving vault knows of one signer of the package (check `signer-trust`). */
export interface SignerVerdict extends PackageSigner {
  status: SignerTrustStatus;
  /** The signer's minisign public key line ("RW…"), to add to an address book. */
  minisignKey: string;
  /** `address-book`: the entry that holds the key; `impersonation`: the entry whose name the signer claims. */
  addressBookName?: string;
  /** `changed`: the fingerprints trusted before for that vault; `impersonation`: the address-book entry's. */
  expected?: string[];
}

/** The outcome of verifying a package or bag: ok only when every check passed. */
export interface PackageReport {
  ok: boolean;
  packageId?: string;
  bag?: string;
  vault?: string;
  signers: PackageSigner[];
  /**
   * The signers of the tag manifest and checkpoint, each as the receiving vault knows it (absent when no signer was
   * established).
   */
  signerTrust?: SignerVerdict[];
  /** The verdict on the sender's history (check `consistency`): see ConsistencyVerdict. */
  consistency?: { status: 'first' | 'extends' | 'rewritten' | 'unchecked'; since?: string };
  checks: PackageCheck[];
  items: number;
  /** The records the package hands over and, for an update package, the package it updates (check `update`). */
  handover?: UpdateFacts;
}

/** Collects checks while a verification runs; names in them are made printable (see printable). */
export class CheckList {
  readonly checks: PackageCheck[] = [];

  /** Records a passed check. */
  pass(check: CheckName, detail: string, subject?: string): void {
    this.add({ check, ok: true, detail }, subject);
  }

  /** Records a failed check. */
  fail(check: CheckName, detail: string, subject?: string): void {
    this.add({ check, ok: false, detail }, subject);
  }

  /** Records a warning: worth reading, but the package does not fail for it. */
  note(check: CheckName, detail: string, subject?: string): void {
    this.add({ check, ok: true, warning: true, detail }, subject);
  }

  private add(c: PackageCheck, subject: string | undefined): void {
    c.detail = printable(c.detail);
    this.checks.push(subject === undefined ? c : { ...c, subject: printable(subject) });
  }

  /** True when no check of this kind failed so far. */
  clean(check: CheckName): boolean {
    return !this.checks.some((c) => c.check === check && !c.ok);
  }

  /** True when every check recorded so far passed. */
  get ok(): boolean {
    return this.checks.every((c) => c.ok);
  }
}

/** The message of an unknown thrown value. */
export function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
