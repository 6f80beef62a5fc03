package packfs

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
)

// open returns a reader of an entry's uncompressed data. It decompresses
// the raw data itself rather than through zip.File.Open, so that every
// failure has a precise message and the checksum is always checked
// (archive/zip skips the check when the recorded checksum is 0).
func (c *zipCheck) open(e zipEntry) (io.Reader, bool) {
	raw, err := e.f.OpenRaw()
	if err != nil {
		c.ps.add(e.name, "the entry's local header is missing or damaged")
		c.damaged = true
		return nil, false
	}
	if e.f.Method == zip.Store {
		return raw, true
	}
	if c.inflate == nil {
		c.inflate = flate.NewReader(raw)
	} else if err := c.inflate.(flate.Resetter).Reset(raw, nil); err != nil {
		c.ps.add(e.name, "the entry's compressed data is damaged")
		c.damaged = true
		return nil, false
	}
	return c.inflate, true
}

// scan checks an entry's data through buf, keeping none of it: its size,
// its checksum and its text.
func (c *zipCheck) scan(e zipEntry, buf []byte) {
	r, ok := c.open(e)
	if !ok {
		return
	}
	crc, msg, err := scanExact(r, int64(e.f.UncompressedSize64), buf)
	c.check(e, crc, msg, err)
}

// read reads an entry's data into memory, making the same checks again
// on exactly the bytes kept.
func (c *zipCheck) read(e zipEntry) ([]byte, bool) {
	r, ok := c.open(e)
	if !ok {
		return nil, false
	}
	data, err := readExact(r, int64(e.f.UncompressedSize64))
	var msg string
	if err == nil {
		msg = checkText(data)
	}
	return data, c.check(e, crc32.ChecksumIEEE(data), msg, err)
}

// check reports what reading an entry found, and whether all was well.
func (c *zipCheck) check(e zipEntry, crc uint32, textProblem string, err error) bool {
	switch {
	case errors.Is(err, errLonger):
		c.ps.add(e.name, "the entry holds more data than it declares")
	case errors.Is(err, errShorter):
		c.ps.add(e.name, "the entry holds less data than it declares")
	case err != nil:
		c.ps.add(e.name, "the entry's compressed data is damaged")
	case crc != e.f.CRC32:
		c.ps.add(e.name, "the entry's checksum does not match its content; the zip file is damaged")
	case textProblem != "":
		c.ps.add(e.name, "%s", textProblem)
		return false
	default:
		return true
	}
	c.damaged = true
	return false
}
