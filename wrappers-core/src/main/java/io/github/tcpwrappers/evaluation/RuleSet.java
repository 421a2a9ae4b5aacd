/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The TCP Wrappers for the JVM maintainers
 */
package io.github.tcpwrappers.evaluation;

import io.github.tcpwrappers.language.RuleTable;
import io.github.tcpwrappers.spi.NetgroupResolver;

/**
 * An immutable, compiled pair of tables (hosts.allow, hosts.deny) with what deciding needs
 * besides the request. Thread-safe; one instance serves every decision until the files change.
 */
public final class RuleSet {
    final CompiledTable allow;
    final CompiledTable deny;
    final NetgroupResolver netgroups;
    final BannerSource banners;

    /** Compiles two parsed tables. */
    public RuleSet(RuleTable allow, RuleTable deny, NetgroupResolver netgroups, BannerSource banners) {
        this(new CompiledTable(allow), new CompiledTable(deny), netgroups, banners);
    }

    private RuleSet(CompiledTable allow, CompiledTable deny, NetgroupResolver netgroups, BannerSource banners) {
        this.allow = allow;
        this.deny = deny;
        this.netgroups = netgroups;
        this.banners = banners;
    }

    /**
     * This rule set over grown tables (this one's tables with lines appended, see
     * {@link RuleTable#append}): the segments both share are not compiled again. The banners
     * are this set's, so the new lines must name no banner directory it did not read.
     */
    public RuleSet grown(RuleTable allow, RuleTable deny) {
        return new RuleSet(new CompiledTable(allow, this.allow), new CompiledTable(deny, this.deny), netgroups, banners);
    }

    /** Decides, or says which fact is missing. Pure: no I/O, no lookups. */
    public Outcome evaluate(Facts facts) {
        if (allow.nothingFor(facts) && deny.nothingFor(facts)) {
            return Outcome.DEFAULT_GRANT; // nothing to look at: no allocation at all
        }
        return new Evaluation(this, facts).run();
    }

    /** The parsed hosts.allow. */
    public RuleTable allowTable() {
        return allow.table;
    }

    /** The parsed hosts.deny. */
    public RuleTable denyTable() {
        return deny.table;
    }

    /** How many rules both tables hold. */
    public int ruleCount() {
        return allow.table.ruleCount() + deny.table.ruleCount();
    }
}
