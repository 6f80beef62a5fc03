package accessible

import pluralpkg "github.com/upskill-council/upskill/internal/plural"

// plural says how many of something there are, choosing the word by the
// count: plural(1, "card", "cards") is "1 card", plural(3, ...) "3 cards".
// English has two forms; a translation with more would give this helper
// more forms, not its callers.
func plural(n int, one, many string) string { return pluralpkg.Count(n, one, many) }
