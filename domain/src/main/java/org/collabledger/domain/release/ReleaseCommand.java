package org.collabledger.domain.release;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a release. Fractions arrive as {@code "n/d"} text and are checked by the aggregate. */
public sealed interface ReleaseCommand {

    /** Open a release with its funding and attribution policy; {@code null} options take the defaults. */
    record OpenRelease(@TargetAggregateIdentifier String releaseId, String title, ReleaseKind kind,
                       FundingModel fundingModel, String poolRate, Long budgetAmount, String budgetCurrency,
                       String retention, List<String> waivedArtistIds, String collaborationId)
            implements ReleaseCommand {
    }

    /** Select a record into the release with a weight and a role. */
    record SelectContribution(@TargetAggregateIdentifier String releaseId, String recordId, int weight, String role)
            implements ReleaseCommand {
    }

    /** Withdraw a selected record before publication. */
    record WithdrawSelection(@TargetAggregateIdentifier String releaseId, String recordId, String reason)
            implements ReleaseCommand {
    }

    /** Publish: freezes the selection and the policy. */
    record PublishRelease(@TargetAggregateIdentifier String releaseId) implements ReleaseCommand {
    }
}
