package packfs_test

import (
	"bytes"
	"encoding/binary"
)

// rawEntry describes one entry of a zip file made by hand, for what
// archive/zip's writer cannot express: data in a folder entry, a folder
// that is a link, entries sharing data.
type rawEntry struct {
	name         string
	method       uint16
	flags        uint16
	crc          uint32
	csize, usize uint32
	data         []byte // written after the local header
	creator      uint16 // CreatorVersion: the system is the upper byte
	extAttrs     uint32
	// shares, when not zero, is 1 + the index of an earlier entry whose
	// local header and data this entry's central directory record points
	// to, as in an overlapping-entry zip bomb; this entry then writes no
	// local header of its own.
	shares int
}

// rawZip writes entries as a zip file: local headers and data, then the
// central directory, then the end record.
func rawZip(entries ...rawEntry) []byte {
	le := binary.LittleEndian
	var b bytes.Buffer
	offsets := make([]uint32, len(entries))
	for i, e := range entries {
		if e.shares > 0 {
			offsets[i] = offsets[e.shares-1]
			continue
		}
		offsets[i] = uint32(b.Len())
		b.WriteString("PK\x03\x04")
		b.Write(le.AppendUint16(nil, 20))
		b.Write(le.AppendUint16(nil, e.flags))
		b.Write(le.AppendUint16(nil, e.method))
		b.Write(le.AppendUint16(nil, 0))    // time
		b.Write(le.AppendUint16(nil, 0x21)) // date: 1980-01-01
		b.Write(le.AppendUint32(nil, e.crc))
		b.Write(le.AppendUint32(nil, e.csize))
		b.Write(le.AppendUint32(nil, e.usize))
		b.Write(le.AppendUint16(nil, uint16(len(e.name))))
		b.Write(le.AppendUint16(nil, 0))
		b.WriteString(e.name)
		b.Write(e.data)
	}
	dirStart := b.Len()
	for i, e := range entries {
		b.WriteString("PK\x01\x02")
		b.Write(le.AppendUint16(nil, e.creator|20))
		b.Write(le.AppendUint16(nil, 20))
		b.Write(le.AppendUint16(nil, e.flags))
		b.Write(le.AppendUint16(nil, e.method))
		b.Write(le.AppendUint16(nil, 0))
		b.Write(le.AppendUint16(nil, 0x21))
		b.Write(le.AppendUint32(nil, e.crc))
		b.Write(le.AppendUint32(nil, e.csize))
		b.Write(le.AppendUint32(nil, e.usize))
		b.Write(le.AppendUint16(nil, uint16(len(e.name))))
		b.Write(le.AppendUint16(nil, 0)) // extra
		b.Write(le.AppendUint16(nil, 0)) // comment
		b.Write(le.AppendUint16(nil, 0)) // disk
		b.Write(le.AppendUint16(nil, 0)) // internal attributes
		b.Write(le.AppendUint32(nil, e.extAttrs))
		b.Write(le.AppendUint32(nil, offsets[i]))
		b.WriteString(e.name)
	}
	dirEnd := b.Len()
	b.WriteString("PK\x05\x06")
	b.Write(le.AppendUint16(nil, 0))
	b.Write(le.AppendUint16(nil, 0))
	b.Write(le.AppendUint16(nil, uint16(len(entries))))
	b.Write(le.AppendUint16(nil, uint16(len(entries))))
	b.Write(le.AppendUint32(nil, uint32(dirEnd-dirStart)))
	b.Write(le.AppendUint32(nil, uint32(dirStart)))
	b.Write(le.AppendUint16(nil, 0))
	return b.Bytes()
}
