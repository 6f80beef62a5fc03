// Package gift reads Moodle GIFT question banks, so that trainers can reuse
// the banks they already keep in council Moodle and Totara sites.
//
// [Parse] follows Moodle's own importer (question/format/gift/format.php and
// question/format.php) rule by rule: blocks are separated by blank lines,
// every line is trimmed, "//" lines are comments that may carry
// "[id:…]" and "[tag:…]", "$CATEGORY:" switches category, "::name::" names a
// question, and the type is decided in Moodle's order (description, essay,
// numerical, multiple choice, matching, true/false, short answer).
//
// Where Moodle accepts something that cannot be what the writer meant, Parse
// is stricter and reports a [Problem] instead; each such place says so in a
// comment starting "Stricter than Moodle". Where Moodle and other GIFT
// readers disagree, Parse follows Moodle and says so in a comment starting
// "As Moodle".
//
// GIFT files are untrusted input. Parse never panics, reads at most
// [MaxFileBytes] and at most [MaxAnswers] answers a question, and runs in time
// linear in the size of the file. It does not make text safe to print:
// question text may hold control characters or HTML, so callers must
// sanitise every string before showing it on a terminal.
//
// A trainer's "pack validate" parses a bank once, in a new process, so
// Parse is built to be lean from cold: it reads the file in place, sizes
// its list of questions once, keeps the questions' texts and answers in a
// few shared allocations and compiles no patterns. BenchmarkParse10000Cold
// and BenchmarkParse10000FreshProcess measure it.
package gift
