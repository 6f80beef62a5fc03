package packfs

import (
	"errors"
	"hash/crc32"
	"io"
)

// Ways reading a file's content can disagree with its size.
var (
	errLonger  = errors.New("longer than declared")
	errShorter = errors.New("shorter than declared")
)

// scanBlock is the size of the buffer content is checked through.
const scanBlock = 32 << 10

// Content is read twice. The first pass, scanExact, checks every file
// through one small buffer and keeps nothing, so a hostile pack whose
// last file is bad costs no memory for the files before it. Only a pack
// that passes is read again, by readExact, into memory, with the same
// checks made again on exactly the bytes kept.

// scanExact reads r, which should hold exactly size bytes, through
// io.LimitReader(r, size+1) a block at a time into buf, keeping nothing.
// It returns the CRC-32 of the bytes read, the problem with them as text
// (or ""), and errLonger, errShorter or the error r gave.
func scanExact(r io.Reader, size int64, buf []byte) (uint32, string, error) {
	lr := io.LimitReader(r, size+1)
	var n int64
	var crc uint32
	var tc textCheck
	for {
		m, err := lr.Read(buf)
		if m > 0 {
			n += int64(m)
			crc = crc32.Update(crc, crc32.IEEETable, buf[:m])
			tc.write(buf[:m])
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return 0, "", errShorter
		}
		if err != nil {
			return 0, "", err
		}
	}
	switch {
	case n > size:
		return 0, "", errLonger
	case n < size:
		return 0, "", errShorter
	}
	return crc, tc.problem(), nil
}

// readExact reads a file that should hold exactly size bytes into memory,
// through io.LimitReader(r, size+1) so that at most one byte more is ever
// read. It returns errLonger or errShorter when the content does not match
// size, and any error r gives.
func readExact(r io.Reader, size int64) ([]byte, error) {
	lr := io.LimitReader(r, size+1)
	data := make([]byte, size)
	if _, err := io.ReadFull(lr, data); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, errShorter
		}
		return nil, err
	}
	// One more read must give end of file.
	var one [1]byte
	switch _, err := io.ReadFull(lr, one[:]); {
	case err == nil:
		return nil, errLonger
	case errors.Is(err, io.EOF):
		return data, nil
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, errShorter
	default:
		return nil, err
	}
}

// checkText returns the problem with a file's content as text, or "".
func checkText(data []byte) string {
	var tc textCheck
	tc.write(data)
	return tc.problem()
}
