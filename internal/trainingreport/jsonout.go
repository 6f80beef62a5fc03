package trainingreport

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes the report as indented JSON, the form
// docs/training-report.schema.json defines.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write JSON report: %w", err)
	}
	return nil
}
