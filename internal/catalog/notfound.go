package catalog

import (
	"fmt"
	"strings"

	"github.com/upskill-council/upskill/progress"
)

// NotOnOfferError says that no pack on offer has the id, naming the ids
// that are. It matches [progress.ErrNotFound] with errors.Is.
type NotOnOfferError struct {
	ID      string
	OnOffer []string
}

// Error implements error.
func (e *NotOnOfferError) Error() string {
	return fmt.Sprintf("no pack %q is on offer; the packs on offer are %s", e.ID, strings.Join(e.OnOffer, ", "))
}

// Is makes errors.Is(err, progress.ErrNotFound) true.
func (e *NotOnOfferError) Is(target error) bool { return target == progress.ErrNotFound }

// NotOnOffer is the one way every command says that no pack on offer has
// the id: a [*NotOnOfferError] naming the ids that are on offer.
func (c *Catalog) NotOnOffer(id string) error {
	entries := c.Entries()
	ids := make([]string, len(entries))
	for i, e := range entries {
		ids[i] = e.ID
	}
	return &NotOnOfferError{ID: id, OnOffer: ids}
}
