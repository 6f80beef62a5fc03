package server

import (
	"context"
	"io"
)

// cancelReader reads r on its own goroutine so that a read waiting for
// the client ends, with io.EOF, as soon as ctx ends (a shutdown, a
// takeover or the idle timeout); the goroutine ends when r does.
type cancelReader struct {
	ctx    context.Context
	chunks chan []byte
	rest   []byte
}

func newCancelReader(ctx context.Context, r io.Reader) *cancelReader {
	c := &cancelReader{ctx: ctx, chunks: make(chan []byte)}
	go func() {
		defer close(c.chunks)
		for {
			buf := make([]byte, 512)
			n, err := r.Read(buf)
			if n > 0 {
				select {
				case c.chunks <- buf[:n]:
				case <-ctx.Done():
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	return c
}

func (c *cancelReader) Read(p []byte) (int, error) {
	if len(c.rest) == 0 {
		select {
		case <-c.ctx.Done():
			return 0, io.EOF
		case chunk, ok := <-c.chunks:
			if !ok {
				return 0, io.EOF
			}
			c.rest = chunk
		}
	}
	n := copy(p, c.rest)
	c.rest = c.rest[n:]
	return n, nil
}
