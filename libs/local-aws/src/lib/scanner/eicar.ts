/**
 * The EICAR anti-virus test file's 68 characters, built from parts so that this source file is not itself flagged
 * by a scanner on a developer's machine.
 */
export const EICAR_TEST_STRING = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE', '!$H+H*'].join(
  '',
);

/** The name GuardDuty gives the EICAR test file among its threats. */
export const EICAR_THREAT_NAME = 'EICAR-Test-File (not a virus)';

/** How much of an object the local scanner reads, from its start. */
export const SCANNED_PREFIX_BYTES = 64 * 1024;

/** Whether the bytes hold the EICAR test string anywhere. */
export function containsEicar(bytes: Buffer): boolean {
  return bytes.includes(EICAR_TEST_STRING, 0, 'latin1');
}
