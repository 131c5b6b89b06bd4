package io.camgate.authz;

import static io.camgate.authz.World.allow;
import static io.camgate.authz.World.bucketItself;
import static io.camgate.authz.World.deny;
import static io.camgate.authz.World.doc;
import static io.camgate.authz.World.forPrincipals;
import static io.camgate.authz.World.object;
import static io.camgate.authz.World.userStatement;
import static org.assertj.core.api.Assertions.assertThat;

import io.camgate.policy.Effect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Preset policies attached to sub-users, directly and through groups, deciding real requests. */
class PresetDecisionTest {
    static final String OWNER = "100001";
    static final String ALICE = "200001";
    static final String STAFF = "7";
    static final String PHOTOS = "photos-1250000001";
    static final String CI_JOB = "qcs::ci:ap-guangzhou:uid/1250000001:bucket/photos-1250000001/job/1";

    /** Alice, a sub-user of 100001 in group 7 that has {@code preset} attached. */
    static World aliceInAGroupWith(String preset) {
        return new World().root(OWNER, "1250000001").bucket(OWNER, PHOTOS)
                .group(OWNER, STAFF, preset).user(OWNER, ALICE).member(ALICE, STAFF);
    }

    static String resource(String kind) {
        return switch (kind) {
            case "object" -> object(PHOTOS, "a/b.txt");
            case "bucket" -> bucketItself(PHOTOS);
            case "service" -> "*";
            case "ci" -> CI_JOB;
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0} {2} {1}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            QcloudCOSReadOnlyAccess    | cos:GetObject               | object  | true
            QcloudCOSReadOnlyAccess    | cos:HeadObject              | object  | true
            QcloudCOSReadOnlyAccess    | cos:GetBucket               | bucket  | true
            QcloudCOSReadOnlyAccess    | cos:ListMultipartUploads    | bucket  | true
            QcloudCOSReadOnlyAccess    | cos:GetService              | service | true
            QcloudCOSReadOnlyAccess    | cos:OptionsObject           | object  | true
            QcloudCOSReadOnlyAccess    | cos:PutObject               | object  | false
            QcloudCOSReadOnlyAccess    | cos:DeleteObject            | object  | false
            QcloudCOSReadOnlyAccess    | cos:PutBucketACL            | bucket  | false
            QcloudCOSDataWriteOnly     | cos:PutObject               | object  | true
            QcloudCOSDataWriteOnly     | cos:PutObjectACL            | object  | true
            QcloudCOSDataWriteOnly     | cos:InitiateMultipartUpload | object  | true
            QcloudCOSDataWriteOnly     | cos:CompleteMultipartUpload | object  | true
            QcloudCOSDataWriteOnly     | cos:GetObject               | object  | false
            QcloudCOSDataWriteOnly     | cos:DeleteObject            | object  | false
            QcloudCOSDataWriteOnly     | cos:GetBucket               | bucket  | false
            QcloudCOSDataFullControl   | cos:GetObject               | object  | true
            QcloudCOSDataFullControl   | cos:PutObject               | object  | true
            QcloudCOSDataFullControl   | cos:DeleteObject            | object  | true
            QcloudCOSDataFullControl   | cos:GetService              | service | true
            QcloudCOSDataFullControl   | cos:DeleteBucket            | bucket  | false
            QcloudCOSDataFullControl   | cos:PutBucketACL            | bucket  | false
            QcloudCOSDataReadOnly      | cos:GetObject               | object  | true
            QcloudCOSDataReadOnly      | cos:HeadObject              | object  | true
            QcloudCOSDataReadOnly      | cos:PutObject               | object  | false
            QcloudCOSDataReadOnly      | cos:GetBucket               | bucket  | false
            QcloudCOSFullAccess        | cos:DeleteBucket            | bucket  | true
            QcloudCOSFullAccess        | cos:PutObject               | object  | true
            QcloudCOSFullAccess        | cos:GetService              | service | true
            QcloudCOSFullAccess        | ci:CreateMediaJobs          | ci      | false
            QcloudCOSBucketConfigRead  | cos:GetBucketACL            | bucket  | true
            QcloudCOSBucketConfigRead  | cos:HeadBucket              | bucket  | true
            QcloudCOSBucketConfigRead  | cos:PutBucketACL            | bucket  | false
            QcloudCOSBucketConfigRead  | cos:GetObject               | object  | false
            QcloudCOSBucketConfigWrite | cos:PutBucketACL            | bucket  | true
            QcloudCOSBucketConfigWrite | cos:PutBucket               | bucket  | true
            QcloudCOSBucketConfigWrite | cos:GetBucketACL            | bucket  | false
            QcloudCOSBucketConfigWrite | cos:DeleteBucket            | bucket  | false
            QcloudCOSListOnly          | cos:GetService              | service | true
            QcloudCOSListOnly          | cos:GetBucket               | bucket  | true
            QcloudCOSListOnly          | cos:HeadBucket              | bucket  | true
            QcloudCOSListOnly          | cos:GetObject               | object  | false
            QcloudCOSGetServiceAccess  | cos:GetService              | service | true
            QcloudCOSGetServiceAccess  | cos:GetBucket               | bucket  | false
            QcloudCIFullAccess         | ci:CreateMediaJobs          | ci      | true
            QcloudCIFullAccess         | name/ci:DescribeMediaJobs   | ci      | true
            QcloudCIFullAccess         | cos:GetObject               | object  | false
            QcloudCIReadOnlyAccess     | ci:DescribeMediaJobs        | ci      | true
            QcloudCIReadOnlyAccess     | ci:GetMediaInfo             | ci      | true
            QcloudCIReadOnlyAccess     | ci:CreateMediaJobs          | ci      | false
            QcloudCIReadOnlyAccess     | cos:GetObject               | object  | false
            """)
    void aPresetAttachedThroughAGroup(String preset, String action, String resourceKind, boolean allowed) {
        World w = aliceInAGroupWith(preset);
        Decision d = w.decide(w.user(ALICE), action, resource(resourceKind));
        assertThat(d.allowed()).isEqualTo(allowed);
        if (allowed) {
            assertThat(d.reason()).isEqualTo(Reason.ALLOWED);
            assertThat(d.statements()).containsExactly(userStatement(preset, 0, Effect.ALLOW));
        } else {
            assertThat(d.reason()).isEqualTo(Reason.IMPLICIT_DENY);
        }
    }

    @Test
    void aPresetAttachedDirectly() {
        World w = new World().root(OWNER, "1250000001").bucket(OWNER, PHOTOS)
                .user(OWNER, ALICE, "QcloudCOSReadOnlyAccess");
        assertThat(w.decide(w.user(ALICE), "cos:GetObject", object(PHOTOS, "a")).allowed()).isTrue();
        assertThat(w.decide(w.user(ALICE), "cos:PutObject", object(PHOTOS, "a")).allowed()).isFalse();
    }

    @Test
    void aCustomDenyNarrowsAPreset() {
        World w = aliceInAGroupWith("QcloudCOSFullAccess").user(OWNER, "200002", "QcloudCOSFullAccess", "NoDelete")
                .policy("NoDelete", doc(deny("cos:Delete*", "*")));
        Decision d = w.decide(w.user("200002"), "cos:DeleteObject", object(PHOTOS, "a"));
        assertThat(d.reason()).isEqualTo(Reason.EXPLICIT_DENY);
        assertThat(d.statements()).containsExactly(userStatement("NoDelete", 0, Effect.DENY));
        assertThat(w.decide(w.user(ALICE), "cos:DeleteObject", object(PHOTOS, "a")).allowed()).isTrue();
    }

    @Test
    void aPresetOnStarStillNeedsTheOtherAccountsGrant() {
        World w = aliceInAGroupWith("QcloudCOSReadOnlyAccess").root("100002", "1250000002")
                .bucket("100002", "shared-1250000002");
        String shared = object("shared-1250000002", "x");
        assertThat(w.decide(w.user(ALICE), "cos:GetObject", shared).allowed()).isFalse();
        w.bucketPolicy("shared-1250000002", doc(forPrincipals(allow("cos:GetObject", "*"),
                "qcs::cam::uin/100001:groupid/7")));
        assertThat(w.decide(w.user(ALICE), "cos:GetObject", shared).allowed()).isTrue();
    }
}
