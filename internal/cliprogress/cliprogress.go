// Package cliprogress shows how a long command-line job is going, once it
// has taken more than a moment: on a terminal, a bar redrawn in place;
// elsewhere (a log, a pipe), a plain line for each stage and for every
// tenth of the way through it. A quick job prints nothing.
package cliprogress

import (
	"fmt"
	"io"
	"sync"
	"time"

	"charm.land/bubbles/v2/progress"
)

// Reporter prints progress on one writer. It is safe for concurrent use:
// jobs that report from several goroutines may call Update at once.
type Reporter struct {
	mu       sync.Mutex
	w        io.Writer
	terminal bool
	start    time.Time
	delay    time.Duration
	now      func() time.Time
	bar      progress.Model
	stage    string
	tenth    int  // last tenth written in plain mode
	drawn    bool // a bar is on screen and needs clearing
}

// New returns a reporter writing to w. terminal says whether w is a
// terminal (draw a bar) or not (write lines). Nothing is written until
// delay has passed, so quick jobs print nothing.
func New(w io.Writer, terminal bool, delay time.Duration) *Reporter {
	return &Reporter{w: w, terminal: terminal, start: time.Now(), delay: delay, now: time.Now,
		bar: progress.New(progress.WithWidth(30), progress.WithoutPercentage(), progress.WithFillCharacters('█', '░'))}
}

// Update reports that a job's stage is done of total steps through.
func (r *Reporter) Update(stage string, done, total int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	frac := 1.0
	if total > 0 {
		frac = float64(min(done, total)) / float64(total)
	}
	if r.now().Sub(r.start) < r.delay {
		return
	}
	if !r.terminal {
		r.plain(stage, done, total, frac)
		return
	}
	fmt.Fprintf(r.w, "\r%s %3.0f%% %-24s", r.bar.ViewAs(frac), frac*100, stage)
	r.drawn = true
}

// plain writes a line when the stage changes and at each tenth.
func (r *Reporter) plain(stage string, done, total int, frac float64) {
	tenth := int(frac * 10)
	if stage == r.stage && tenth == r.tenth {
		return
	}
	if stage != r.stage || tenth > r.tenth {
		fmt.Fprintf(r.w, "%s: %d of %d\n", stage, done, total)
	}
	r.stage, r.tenth = stage, tenth
}

// Done clears the bar, if one was drawn, so the next output starts on a
// clean line.
func (r *Reporter) Done() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.drawn {
		fmt.Fprint(r.w, "\r\x1b[2K")
		r.drawn = false
	}
}
