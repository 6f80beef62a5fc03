// Package packfs is the gate every imported lesson pack passes before the
// rest of Upskill reads it.
//
// A trainer imports a pack as a folder or as a .zip file. Both are treated
// as hostile until proven otherwise: [Open] checks every name, type, size
// and count against the limits in limits.go, reads each file once through a
// size limit, checks that it is UTF-8 text, and returns the whole pack as a
// read-only in-memory [io/fs.FS]. Nothing outside the pack is ever read,
// and nothing anywhere is written.
//
// A pack with any problem is refused as a whole: Open returns an [*Error]
// listing every problem found, each with the path it concerns, and no
// file system. Paths in problems are escaped as in a Go string literal, so
// that a hostile name cannot reach a terminal as control characters.
//
// What the gate refuses, in brief:
//
//   - names that could escape the pack or confuse a file system: absolute
//     paths, ".." anywhere in a name, "." and empty elements, backslashes,
//     characters Windows does not allow (: * ? " < > |), control and
//     invisible characters (including bidirectional overrides), invalid
//     UTF-8, elements longer than [MaxNameBytes];
//   - two entries with the same name, or names differing only in case, and a
//     file with the same name as a folder;
//   - symbolic links, named pipes, devices, sockets and any other special
//     file (in a folder they are never opened);
//   - files whose names do not end .yaml, .yml, .md, .gift or .txt, with a
//     separate message for archives inside the pack;
//   - more than [MaxEntries] entries, folders nested more than [MaxDepth]
//     deep, a file over [MaxFileBytes], files adding up to more than
//     [MaxTotalBytes];
//   - in a zip file: encrypted entries, compression other than Store and
//     Deflate, an entry that would expand more than [MaxRatio] times,
//     entries whose data overlaps, a central directory over
//     [MaxDirectoryBytes], and any entry that is damaged or holds more data
//     than it declares;
//   - any file that is not valid UTF-8 text.
//
// Files and folders whose names start with "." (.DS_Store, .git) and the
// folder __MACOSX (macOS zip litter) are skipped silently and never read.
//
// All checks that metadata allows are made before any content is read: a
// zip file's central directory and a folder's listing are checked in full
// first, and a pack with a problem there is refused without reading a byte
// of any file. Content is then read twice: once through one small buffer,
// keeping nothing, to check every file, and only if all pass, once more
// into memory with the same checks. A hostile pack is refused in a few
// milliseconds with well under 10 MiB allocated (budget_test.go measures
// it); a valid pack costs its own size in memory.
//
// Problems are sorted by path and list everything found, except that in a
// zip file the first damaged entry (one that lies about its size, fails
// its checksum or does not decompress) ends the reading of content.
package packfs
