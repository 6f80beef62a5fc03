package server

import (
	"bytes"
	"context"
	"io"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/cancelreader"
)

// pauseAfter is how long a session must go without any message (a key,
// a resize, a command's result) before its renderer is stopped.
//
// Bubble Tea's renderer wakes every frame, changed or not, and those
// wake-ups were nearly all the CPU that idle sessions cost: 200 idle
// sessions took 6.5–7.3% of a core at 15 frames a second. A paused
// session costs nothing until something happens; its screen stays as it
// was drawn, and the next message (a key, a resize, the idle warning, a
// takeover, the server stopping) starts the renderer again and redraws
// the whole frame.
const pauseAfter = 2 * time.Second

// pauseMsg asks the session's program to stop its renderer if it has
// been quiet for pauseAfter. It never reaches the model.
type pauseMsg struct{}

// wakeMsg starts a paused session again because its client sent input.
// It never reaches the model.
type wakeMsg struct{}

// pauser stops a quiet session's renderer and starts it again when
// anything happens. Its pause and resume run in the program's event
// loop (from the message filter), as Bubble Tea's own ExecProcess
// releases and restores the terminal, so no frame is drawn meanwhile.
type pauser struct {
	program *tea.Program // set once, before the program runs
	input   *pausableInput
	output  *pausableOutput
	after   time.Duration

	last    atomic.Int64 // unix nanoseconds of the last message that was not a pause
	paused  atomic.Bool
	resumed chan struct{} // receives after each resume, for watch
}

// newPauser makes the pauser of a session whose program reads in and
// writes out.
func newPauser(in *pausableInput, out *pausableOutput, after time.Duration) *pauser {
	pz := &pauser{input: in, output: out, after: after, resumed: make(chan struct{}, 1)}
	pz.last.Store(time.Now().UnixNano())
	in.wake = func() { pz.program.Send(wakeMsg{}) }
	return pz
}

// filter is the pauser's part of the session's message filter. It
// returns nil for its own messages, which the program then drops.
func (pz *pauser) filter(msg tea.Msg) tea.Msg {
	if _, ok := msg.(pauseMsg); ok {
		if !pz.paused.Load() && time.Since(time.Unix(0, pz.last.Load())) >= pz.after {
			pz.pause()
		}
		return nil
	}
	pz.last.Store(time.Now().UnixNano())
	if pz.paused.Load() {
		pz.resume()
	}
	if _, ok := msg.(wakeMsg); ok {
		return nil
	}
	return msg
}

// pause stops the input reader and the renderer. What Bubble Tea writes
// to give the terminal back (leave the alternate screen, show the
// cursor, clear the title) is kept from the client, so its screen stays
// exactly as it was.
func (pz *pauser) pause() {
	pz.input.hold()
	pz.output.keepScreen(true)
	_ = pz.program.ReleaseTerminal()
	pz.output.keepScreen(false)
	pz.paused.Store(true)
}

// resume starts the input reader and the renderer again; the renderer
// erases and redraws the whole frame.
func (pz *pauser) resume() {
	pz.paused.Store(false)
	pz.input.release()
	_ = pz.program.RestoreTerminal()
	select {
	case pz.resumed <- struct{}{}:
	default:
	}
}

// watch sends pauseMsg once the session has been quiet for pauseAfter,
// then waits for it to resume, until ctx ends.
func (pz *pauser) watch(ctx context.Context) {
	for {
		quiet := time.Since(time.Unix(0, pz.last.Load()))
		if quiet < pz.after {
			if sleepCtx(ctx, pz.after-quiet) != nil {
				return
			}
			continue
		}
		if !pz.paused.Load() {
			pz.program.Send(pauseMsg{})
		}
		select {
		case <-ctx.Done():
			return
		case <-pz.resumed:
		case <-time.After(pz.after):
			// The pause was not taken (a message came first); look again.
		}
	}
}

// pausableInput is a session's input as its program reads it. A pump
// goroutine reads the client; while the session is paused, a read
// returns cancelreader.ErrCanceled at once, so Bubble Tea's input reader
// stops cleanly without taking the next key, and the key waits for the
// resumed reader. Input arriving while paused wakes the session.
type pausableInput struct {
	ctx    context.Context
	chunks chan []byte
	wake   func()

	mu    sync.Mutex
	state *holdState
	rest  []byte // bytes of the last chunk not yet read
}

// holdState is one cycle of hold and release: held is closed while
// the input is held, released when it is let go again.
type holdState struct {
	held, released chan struct{}
}

// newPausableInput starts reading src until ctx ends.
func newPausableInput(ctx context.Context, src io.Reader) *pausableInput {
	in := &pausableInput{ctx: ctx, chunks: make(chan []byte),
		state: &holdState{held: make(chan struct{}), released: make(chan struct{})}}
	go in.pump(src)
	return in
}

// pump reads the client and hands each chunk to Read.
func (in *pausableInput) pump(src io.Reader) {
	defer close(in.chunks)
	buf := make([]byte, 1024)
	for {
		n, err := src.Read(buf)
		if n > 0 && !in.deliver(bytes.Clone(buf[:n])) {
			return
		}
		if err != nil {
			return
		}
	}
}

// deliver waits until Read takes chunk, waking the session if it is
// paused; false if the session ended first.
func (in *pausableInput) deliver(chunk []byte) bool {
	for {
		st := in.current()
		select {
		case in.chunks <- chunk:
			return true
		case <-st.held:
			in.wake()
			select {
			case <-st.released:
			case <-in.ctx.Done():
				return false
			}
		case <-in.ctx.Done():
			return false
		}
	}
}

// Read gives the program the client's input.
func (in *pausableInput) Read(p []byte) (int, error) {
	in.mu.Lock()
	if len(in.rest) > 0 {
		n := copy(p, in.rest)
		in.rest = in.rest[n:]
		in.mu.Unlock()
		return n, nil
	}
	st := in.state
	in.mu.Unlock()
	select {
	case chunk, ok := <-in.chunks:
		if !ok {
			return 0, io.EOF
		}
		n := copy(p, chunk)
		in.mu.Lock()
		in.rest = chunk[n:]
		in.mu.Unlock()
		return n, nil
	case <-st.held:
		return 0, cancelreader.ErrCanceled
	case <-in.ctx.Done():
		return 0, io.EOF
	}
}

// current is the hold cycle now under way.
func (in *pausableInput) current() *holdState {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.state
}

// hold makes reads return ErrCanceled until release.
func (in *pausableInput) hold() {
	close(in.current().held)
}

// release lets reads wait for input again.
func (in *pausableInput) release() {
	in.mu.Lock()
	old := in.state
	in.state = &holdState{held: make(chan struct{}), released: make(chan struct{})}
	in.mu.Unlock()
	close(old.released)
}

// pausableOutput is a session's output as its program writes it. While
// a pause gives the terminal back, the sequences that would change what
// the client sees are left out.
type pausableOutput struct {
	w    io.Writer
	keep atomic.Bool
}

// screenChanges are what Bubble Tea writes when it gives the terminal
// back that would change the client's screen: leaving the alternate
// screen, showing the cursor and clearing the window title.
var screenChanges = [][]byte{
	[]byte(ansi.ResetModeAltScreenSaveCursor),
	[]byte(ansi.ShowCursor),
	[]byte(ansi.SetWindowTitle("")),
}

// keepScreen turns the leaving out on or off.
func (o *pausableOutput) keepScreen(on bool) { o.keep.Store(on) }

// Write writes p to the client, without screenChanges while keeping the
// screen. It reports all of p written.
func (o *pausableOutput) Write(p []byte) (int, error) {
	if !o.keep.Load() {
		return o.w.Write(p)
	}
	out := p
	for _, seq := range screenChanges {
		out = bytes.ReplaceAll(out, seq, nil)
	}
	if len(out) > 0 {
		if _, err := o.w.Write(out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}
