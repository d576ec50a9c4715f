package org.collabledger.api.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.collabledger.api.web.ReadsFrom;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in and with which roles, so a page can show only what that role may see. */
@ReadsFrom({})
@RestController
@Tag(name = "me", description = "The signed-in user")
public class MeController {

    /** The signed-in user's name and roles, in lower case. */
    public record Me(String name, List<String> roles) {}

    @GetMapping("/api/me")
    @Operation(summary = "Who is signed in, with which roles")
    public Me me(@Parameter(hidden = true) Authentication authentication) {
        List<String> roles =
                ArtistAccess.rolesOf(authentication).stream()
                        .map(role -> role.toLowerCase(java.util.Locale.ROOT))
                        .sorted()
                        .toList();
        return new Me(authentication.getName(), roles);
    }
}
