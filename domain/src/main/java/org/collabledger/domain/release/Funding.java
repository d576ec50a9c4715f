package org.collabledger.domain.release;

import org.collabledger.domain.shared.Fraction;
import org.collabledger.domain.shared.Money;

/**
 * A release's funding as recorded when it was opened: {@code poolRate} for {@code PROFIT_SHARE}
 * ({@code budget} null), {@code budget} for {@code BUDGET} ({@code poolRate} null).
 */
public record Funding(FundingModel model, Fraction poolRate, Money budget) {}
