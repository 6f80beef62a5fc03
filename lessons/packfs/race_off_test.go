//go:build !race

package packfs_test

// raceSlowdown widens time budgets under the race detector; without it
// the budgets hold as written.
const raceSlowdown = 1
