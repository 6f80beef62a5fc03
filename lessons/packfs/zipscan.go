package packfs

import (
	"bytes"
	"encoding/binary"
	"io"
)

// Zip record signatures and lengths (APPNOTE.TXT).
const (
	sigDirectoryHeader = "PK\x01\x02"
	sigDirectoryEnd    = "PK\x05\x06"
	sig64Locator       = "PK\x06\x07"
	sig64End           = "PK\x06\x06"
	directoryHeaderLen = 46
	directoryEndLen    = 22
	locator64Len       = 20
	end64Len           = 56
)

// zipShape is what scanZip learns about a zip file before Go's zip reader
// is allowed to see it.
type zipShape struct {
	// headers is an upper bound on the central directory records Go's
	// reader can parse: every one starts with a signature, and this counts
	// every place the signature occurs.
	headers int
	// directoryBytes bounds what Go's reader allocates for names, extra
	// fields and comments: the lengths in every header counted above.
	directoryBytes uint64
	// declared is the entry count the end of central directory record
	// gives, which Go's reader uses to preallocate.
	declared uint64
}

// scanZip reads a zip file of size bytes once, in 64 KiB blocks, to bound
// what archive/zip's NewReader will allocate. NewReader keeps every central
// directory record it can parse, reading on until one is bad whatever count
// the file declares, and preallocates room for the declared count; a 32 MiB
// file could otherwise make it hold hundreds of thousands of records. The
// scan stops early once a limit is passed.
func scanZip(r io.ReaderAt, size int64) (zipShape, error) {
	var s zipShape
	const block = 64 << 10
	buf := make([]byte, block+directoryHeaderLen-1)
	for pos := int64(0); pos < size; pos += block {
		n := int(min(int64(len(buf)), size-pos))
		if _, err := r.ReadAt(buf[:n], pos); err != nil && err != io.EOF {
			return s, err
		}
		b := buf[:n]
		for i := 0; i < min(n, block); {
			j := bytes.Index(b[i:], []byte(sigDirectoryHeader))
			if j < 0 || i+j >= block {
				break
			}
			i += j
			s.headers++
			if i+directoryHeaderLen <= n {
				h := b[i : i+directoryHeaderLen]
				s.directoryBytes += directoryHeaderLen +
					uint64(binary.LittleEndian.Uint16(h[28:])) +
					uint64(binary.LittleEndian.Uint16(h[30:])) +
					uint64(binary.LittleEndian.Uint16(h[32:]))
			}
			if s.headers > MaxEntries || s.directoryBytes > MaxDirectoryBytes {
				return s, nil
			}
			i += len(sigDirectoryHeader)
		}
	}
	declared, err := declaredEntries(r, size)
	s.declared = declared
	return s, err
}

// declaredEntries returns the number of entries the end of central
// directory record declares, found as archive/zip finds it (Go 1.26,
// readDirectoryEnd): the last signature in the final 1 KiB, else in the
// final 65 KiB, whose comment fits, and then the zip64 record if the
// locator before it is valid. It returns 0 when there is no such record;
// NewReader will then refuse the file.
func declaredEntries(r io.ReaderAt, size int64) (uint64, error) {
	var end []byte
	var endOffset int64
	for _, bLen := range []int64{1024, 65 * 1024} {
		bLen = min(bLen, size)
		buf := make([]byte, bLen)
		if _, err := r.ReadAt(buf, size-bLen); err != nil && err != io.EOF {
			return 0, err
		}
		if p := findDirectoryEnd(buf); p >= 0 {
			end, endOffset = buf[p:], size-bLen+int64(p)
			break
		}
		if bLen == size {
			return 0, nil
		}
	}
	if end == nil {
		return 0, nil
	}
	declared := uint64(binary.LittleEndian.Uint16(end[10:]))
	dirSize := binary.LittleEndian.Uint32(end[12:])
	dirOffset := binary.LittleEndian.Uint32(end[16:])
	if declared != 0xffff && dirSize != 0xffff && dirOffset != 0xffffffff {
		return declared, nil
	}
	// The file may be zip64.
	if endOffset < locator64Len {
		return declared, nil
	}
	// A read that fails here fails in archive/zip too, which then refuses
	// the file, so it is not an error of the scan.
	var loc [locator64Len]byte
	if _, err := r.ReadAt(loc[:], endOffset-locator64Len); err != nil {
		return declared, nil
	}
	if string(loc[:4]) != sig64Locator ||
		binary.LittleEndian.Uint32(loc[4:]) != 0 ||
		binary.LittleEndian.Uint32(loc[16:]) != 1 {
		return declared, nil
	}
	var end64 [end64Len]byte
	if _, err := r.ReadAt(end64[:], int64(binary.LittleEndian.Uint64(loc[8:]))); err != nil {
		return 0, nil
	}
	if string(end64[:4]) != sig64End {
		return 0, nil
	}
	return binary.LittleEndian.Uint64(end64[32:]), nil
}

// findDirectoryEnd returns the offset in b of the last end of central
// directory signature whose comment fits in b, or -1; like archive/zip, it
// gives up at a signature whose comment does not fit.
func findDirectoryEnd(b []byte) int {
	for i := len(b) - directoryEndLen; i >= 0; i-- {
		if string(b[i:i+4]) == sigDirectoryEnd {
			n := int(binary.LittleEndian.Uint16(b[i+directoryEndLen-2:]))
			if n+directoryEndLen+i > len(b) {
				return -1
			}
			return i
		}
	}
	return -1
}
