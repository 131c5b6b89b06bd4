package io.camgate.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camgate.identity.Directory;
import io.camgate.identity.Principal;
import org.junit.jupiter.api.Test;

/** The directory lookups the evaluator depends on, and the ambiguity it refuses. */
class DirectoryLookupTest {

    @Test
    void uinsNameRootsAndSubUsers() {
        World w = new World().root("100001", "1250000001").user("100001", "200001").group("100001", "7")
                .bucket("100001", "photos-1250000001");
        Directory dir = w.snapshot().directory();
        assertThat(dir.principal("100001")).contains(new Principal.Root("100001"));
        assertThat(dir.principal("200001")).contains(new Principal.SubUser("200001", "100001"));
        assertThat(dir.principal("999")).isEmpty();
        assertThat(dir.rootByAppid("1250000001").map(r -> r.uin())).contains("100001");
        assertThat(dir.group("100001", "7")).isPresent();
        assertThat(dir.group("100002", "7")).isEmpty();
        assertThat(dir.bucket("photos-1250000001").map(b -> b.ownerUin())).contains("100001");
    }

    @Test
    void aSubUserSharingARootsUinIsRefusedWhicheverComesFirst() {
        assertThatThrownBy(() -> new World().root("100001", "1250000001").root("100002", "1250000002")
                .user("100002", "100001").snapshot()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new World().root("100001", "1250000001").user("100001", "100002")
                .root("100002", "1250000002").snapshot()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void duplicateAppIdsAndBucketsAreRefused() {
        assertThatThrownBy(() -> new World().root("100001", "1250000001").root("100002", "1250000001").snapshot())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new World().root("100001", "1250000001").bucket("100001", "b-1250000001")
                .bucket("100001", "b-1250000001").snapshot()).isInstanceOf(IllegalArgumentException.class);
    }
}
