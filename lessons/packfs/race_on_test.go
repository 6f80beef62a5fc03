//go:build race

package packfs_test

// raceSlowdown widens time budgets under the race detector, which slows
// code down by 2 to 20 times; memory budgets stay the same.
const raceSlowdown = 10
