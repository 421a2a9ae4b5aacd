package io.github.tcpwrappers.crowdsec;

import java.util.List;

/** Where a bouncer sends its list: the whole of it after each startup pull, then each change. */
interface BanListener {
    /** The whole list, one ban per network; what was held before is gone. */
    void replaced(List<Ban> all);

    /** Bans new or changed ({@code put}, one per network) and networks no longer banned. */
    void changed(List<Ban> put, List<String> gone);
}
