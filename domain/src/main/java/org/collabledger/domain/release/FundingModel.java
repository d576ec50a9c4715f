package org.collabledger.domain.release;

/** How a release's contributor pool is funded: a rate of net proceeds, or a fixed budget. */
public enum FundingModel {
    PROFIT_SHARE,
    BUDGET
}
