package org.collabledger.domain.treasury;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.collabledger.domain.allocation.Allocation;
import org.collabledger.domain.allocation.AllocationCommand.FinalizeAllocation;
import org.collabledger.domain.allocation.AllocationEvent.AllocationFinalized;
import org.collabledger.domain.catalog.LedgerCatalog;
import org.collabledger.domain.shared.Money;
import org.collabledger.domain.treasury.TreasuryCommand.RecordAdjustment;

/**
 * The money commands that change two aggregates at once: finalizing an allocation credits the
 * treasury of its currency in the same unit of work, so the amounts become balances exactly once.
 */
public class MoneyCommandHandler {

    private final Repository<Allocation> allocations;
    private final Repository<Treasury> treasuries;

    public MoneyCommandHandler(
            Repository<Allocation> allocations, Repository<Treasury> treasuries) {
        this.allocations = allocations;
        this.treasuries = treasuries;
    }

    @CommandHandler
    public void handle(FinalizeAllocation command) throws Exception {
        AllocationFinalized finalized =
                allocations
                        .load(command.allocationId())
                        .invoke(allocation -> allocation.finalizeAt(command.at()));
        treasuries
                .loadOrCreate(Treasury.idOf(finalized.currency()), Treasury::empty)
                .execute(treasury -> treasury.credit(finalized));
    }

    @CommandHandler
    public void handle(RecordAdjustment command, LedgerCatalog catalog) throws Exception {
        var adjustment =
                Treasury.adjustment(
                        command, Money.requireCurrency(command.currency(), "currency"), catalog);
        treasuries
                .loadOrCreate(adjustment.treasuryId(), Treasury::empty)
                .execute(t -> t.record(adjustment));
    }
}
