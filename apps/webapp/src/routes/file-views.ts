import {
  mayManage,
  owns,
  scanOf,
  toFileRecord,
  type FileRecord,
  type ListedFile,
  type TrashedFile,
} from '@ha-uploads/files';
import type { Identity } from '../identity/identity';

/** A listed file as the API and page show it to one client: the public record, whether it is theirs and may go. */
export interface FileView extends FileRecord {
  /** The asking client owns it. */
  readonly yours: boolean;
  /** The asking client may delete it (its owner, or an admin). */
  readonly canDelete: boolean;
}

/** A file under "Recently deleted". */
export interface TrashedView extends FileView {
  readonly deletedAt: string;
  readonly restorableUntil: string;
}

/** The view of `file` for `identity`; the owner id itself is never shown. */
export function toFileView(file: ListedFile, identity: Identity): FileView {
  // Every view names its scan: a file stored before scanning, or with scanning off, is clean.
  return {
    ...toFileRecord(file),
    scan: scanOf(file),
    yours: owns(identity, file),
    canDelete: mayManage(identity, file),
  };
}

/** The view of a deleted file for `identity`. */
export function toTrashedView(file: TrashedFile, identity: Identity): TrashedView {
  return { ...toFileView(file, identity), deletedAt: file.deletedAt, restorableUntil: file.restorableUntil };
}
