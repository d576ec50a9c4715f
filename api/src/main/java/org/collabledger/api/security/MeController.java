package org.collabledger.api.security;

import java.util.List;
import java.util.Map;
import org.collabledger.api.web.ReadsFrom;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in and with which roles, so a page can show only what that role may see. */
@ReadsFrom({})
@RestController
public class MeController {

    @GetMapping("/api/me")
    public Map<String, Object> me(Authentication authentication) {
        List<String> roles =
                ArtistAccess.rolesOf(authentication).stream()
                        .map(role -> role.toLowerCase(java.util.Locale.ROOT))
                        .sorted()
                        .toList();
        return Map.of("name", authentication.getName(), "roles", roles);
    }
}
