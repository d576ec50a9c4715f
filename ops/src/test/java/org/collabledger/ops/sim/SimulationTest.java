package org.collabledger.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI's short budget of seeds for the deterministic simulation (the runbook says how to run a long
 * one): every invariant holds after every step, and the same seed gives the same run.
 */
class SimulationTest {

    @TempDir Path directory;

    @Test
    void invariantsHoldForAShortBudgetOfSeeds() throws Exception {
        for (long seed = 1; seed <= 2; seed++) {
            Simulation.Outcome outcome =
                    new Simulation(seed, directory.resolve("seed-" + seed)).run(100);
            System.out.println(outcome);
            assertThat(outcome.violation()).as("seed " + seed).isNull();
            assertThat(outcome.accepted()).isPositive();
            assertThat(outcome.refused()).as("invalid commands are part of the mix").isPositive();
            assertThat(outcome.injectedFailures()).as("failures are injected").isPositive();
        }
    }

    @Test
    void aSeedReproducesItsRun() throws Exception {
        Simulation.Outcome first = new Simulation(42, directory.resolve("first")).run(40);
        Simulation.Outcome again = new Simulation(42, directory.resolve("again")).run(40);
        assertThat(again).isEqualTo(first);
    }
}
