package io.camgate.cos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every CI row of reference §3.2 on the bucket's CI host, and the account-level ones on {@code ci.<region>}. */
class CiOperationsTest {
    private static final String CI_HOST = Fixtures.BUCKET + ".ci.ap-beijing.myqcloud.com";
    private static final String PASS_ROLE = "cam:PassRole qcs::cam::uin/100000000001:roleName/CI_QCSRole";
    private static final String BUCKET_WIDE = "qcs::ci:ap-beijing:uid/1250000000:bucket/examplebucket-1250000000/*";

    /**
     * {@code METHOD target action [api|role]}: api rows need the action on {@code *}; role rows
     * (asynchronous jobs) also need cam:PassRole on CI's service role in the bucket owner's account.
     */
    private static final String[] ROWS = {
        "POST /jobs ci:CreateMediaJobs role",
        "GET /jobs/j0123 ci:DescribeMediaJob",
        "GET /jobs?queueId=q1&tag=Transcode ci:DescribeMediaJobs",
        "PUT /jobs/j0123?cancel ci:CancelMediaJob",
        "POST /template ci:CreateMediaTemplate",
        "PUT /template/t1 ci:UpdateMediaTemplate",
        "DELETE /template/t1 ci:DeleteMediaTemplate",
        "GET /template?tag=Transcode ci:DescribeMediaTemplates",
        "POST /workflow ci:CreateMediaWorkflow",
        "PUT /workflow/w1 ci:UpdateMediaWorkflow",
        "PUT /workflow/w1?active ci:UpdateMediaWorkflow",
        "PUT /workflow/w1?paused ci:UpdateMediaWorkflow",
        "DELETE /workflow/w1 ci:DeleteMediaWorkflow",
        "GET /workflow ci:DescribeMediaWorkflows",
        "GET /workflowexecution ci:DescribeMediaWorkflowExecutions",
        "GET /workflowexecution/r1 ci:DescribeMediaWorkflowExecutions",
        "POST /inventorytriggerjob ci:TriggerMediaWorkflow role",
        "GET /inventorytriggerjob/i1 ci:DescribeInventoryTriggerJob",
        "GET /inventorytriggerjob ci:DescribeInventoryTriggerJobs",
        "PUT /inventorytriggerjob/i1?cancel ci:CancelInventoryTriggerJob",
        "GET /queue ci:DescribeMediaQueues",
        "PUT /queue/q1 ci:UpdateMediaQueue",
        "POST /mediabucket ci:CreateMediaBucket",
        "GET /mediabucket ci:DescribeMediaBuckets api",
        "DELETE /mediabucket ci:DeleteMediaBucket",
        "POST /snapshot ci:GenerateSnapshot",
        "POST /mediainfo ci:GenerateMediaInfo",
        "GET /pm3u8?object=a.m3u8 ci:GetPrivateM3U8 api",
        "POST /pic_jobs ci:CreatePicProcessJobs role",
        "GET /pic_jobs/p1 ci:DescribePicProcessJob",
        "GET /pic_jobs ci:DescribePicProcessJobs",
        "PUT /pic_jobs/p1?cancel ci:CancelPicProcessJob",
        "GET /picqueue ci:DescribePicProcessQueues",
        "PUT /picqueue/q1 ci:UpdatePicProcessQueue",
        "POST /doc_jobs ci:CreateDocProcessJobs role",
        "GET /doc_jobs/d1 ci:DescribeDocProcessJob",
        "GET /doc_jobs?queueId=q1 ci:DescribeDocProcessJobs",
        "PUT /doc_jobs/d1?cancel ci:CancelDocProcessJob",
        "GET /docqueue ci:DescribeDocProcessQueues",
        "PUT /docqueue/q1 ci:UpdateDocProcessQueue",
        "GET /docbucket ci:DescribeDocProcessBucket api",
        "POST /file_jobs ci:CreateFileProcessJobs role",
        "POST /asr_jobs ci:CreateAsrJobs role",
        "GET /asr_jobs/a1 ci:DescribeAsrJob",
        "GET /asr_jobs ci:DescribeAsrJobs",
        "GET /asrqueue ci:DescribeAsrQueues",
        "PUT /asrqueue/q1 ci:UpdateAsrQueue",
        "GET /asrbucket ci:DescribeAsrBuckets api",
        "POST /image/auditing ci:CreateAuditingPictureJob",
        "POST /text/auditing ci:CreateAuditingTextJob",
        "GET /text/auditing/t1 ci:DescribeAuditingTextJob",
        "POST /video/auditing ci:CreateAuditingJobs",
        "GET /video/auditing/v1 ci:DescribeAuditingJobs",
        "POST /audio/auditing ci:CreateAuditingAudioJob",
        "GET /audio/auditing/a1 ci:DescribeAuditingAudioJob",
        "POST /document/auditing ci:CreateAuditingDocumentJob",
        "GET /document/auditing/d1 ci:DescribeAuditingDocumentJob",
        "POST /webpage/auditing ci:CreateAuditingWebpageJob",
        "GET /webpage/auditing/w1 ci:DescribeAuditingWebpageJob",
        "POST /ImageSearchBucket ci:CreateImageSearchBucket",
        "PUT / ci:CreateCIBucket",
        "PUT /?unbind ci:DeleteCIBucket",
        "GET / ci:DescribeCIBuckets api",
        "PUT /?style ci:SetImageStyle",
        "GET /?style ci:DescribeImageStyles",
        "PUT /?hotlink ci:SetRefer",
        "GET /?hotlink ci:DescribeRefer",
        "PUT /?origin-protect ci:SetOriginProtect",
        "GET /?origin-protect ci:DescribeOriginProtect",
        "PUT /?guetzli ci:SetImageGuetzli",
        "GET /?guetzli ci:DescribeImageGuetzli",
    };

    static List<String> rows() {
        return Arrays.asList(ROWS);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("rows")
    void classifiesEveryCiRow(String row) throws Exception {
        String[] f = row.split(" ");
        CosRequest r = Fixtures.classify(f[0], CI_HOST, f[1]);
        String marker = f.length > 3 ? f[3] : "";
        String resource = marker.equals("api") ? "*" : BUCKET_WIDE;
        if (marker.equals("role")) {
            assertThat(CosOperationsTest.needs(r)).containsExactly(f[2] + " " + resource, PASS_ROLE);
        } else {
            assertThat(CosOperationsTest.needs(r)).containsExactly(f[2] + " " + resource);
        }
        assertThat(r.hostKind()).isEqualTo(HostKind.CI);
        assertThat(r.key()).isNull();
    }

    @Test
    void everyCiTableRowIsCoveredByTheReferenceRows() {
        List<String> covered = new ArrayList<>();
        for (String row : ROWS) {
            covered.add(row.split(" ")[2]);
        }
        for (Operation op : OperationTable.get().operations()) {
            if (op.service() == HostKind.Service.CI) {
                assertThat(covered).as(op.toString()).contains(op.action());
            }
        }
    }

    @Test
    void triggerWorkflowActsOnTheObjectItNames() throws Exception {
        CosRequest r = Fixtures.classify("POST", CI_HOST, "/triggerworkflow?workflowId=w1&object=in%2Fa.mp4");
        assertThat(CosOperationsTest.needs(r)).containsExactly("ci:TriggerMediaWorkflow "
                + "qcs::ci:ap-beijing:uid/1250000000:bucket/examplebucket-1250000000/in/a.mp4", PASS_ROLE);
    }

    @Test
    void jobsOnABucketWhoseOwnerIsUnknownAreDeniedBecausePassRoleCannotBeChecked() {
        assertThatThrownBy(() -> Fixtures.classify("POST", "unknown-1259999999.ci.ap-beijing.myqcloud.com", "/jobs"))
                .isInstanceOfSatisfying(ClassificationException.class, e -> {
                    assertThat(e.error()).isEqualTo(CosError.ACCESS_DENIED);
                    assertThat(e.getMessage()).contains("cam:PassRole");
                });
    }

    @Test
    void onlyJobSubmissionsNeedPassRole() {
        List<String> withRole = new ArrayList<>();
        for (Operation op : OperationTable.get().operations()) {
            if (op.has(Operation.Trait.PASS_ROLE)) {
                assertThat(op.service()).isEqualTo(HostKind.Service.CI);
                assertThat(op.method()).isEqualTo("POST");
                withRole.add(op.path());
            }
        }
        assertThat(withRole).containsExactlyInAnyOrder("jobs", "triggerworkflow", "inventorytriggerjob", "pic_jobs",
                "doc_jobs", "file_jobs", "asr_jobs");
    }

    @ParameterizedTest
    @CsvSource({"ci.ap-beijing.myqcloud.com, /mediabucket, ci:DescribeMediaBuckets",
        "ci.ap-beijing.myqcloud.com, /asrbucket, ci:DescribeAsrBuckets",
        "service.ci.myqcloud.com, /, ci:DescribeCIBuckets"})
    void accountLevelCiHostsServeApiLevelCalls(String host, String target, String action) throws Exception {
        CosRequest r = Fixtures.classify("GET", host, target);
        assertThat(CosOperationsTest.needs(r)).containsExactly(action + " *");
        assertThat(r.bucket()).isNull();
    }

    @Test
    void accountLevelCiHostRefusesBucketCalls() {
        assertThatThrownBy(() -> Fixtures.classify("POST", "ci.ap-beijing.myqcloud.com", "/jobs"))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.INVALID_REQUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /jobs/a/b", "GET /jobs/", "DELETE /jobs", "PUT /jobs/j1", "GET /nosuch",
        "GET /?unknown", "PUT /?style&hotlink", "DELETE /?guetzli", "GET /image/auditing/i1"})
    void deniesCiRequestsThatMatchNoRow(String request) {
        String[] f = request.split(" ");
        assertThatThrownBy(() -> Fixtures.classify(f[0], CI_HOST, f[1]))
                .isInstanceOfSatisfying(ClassificationException.class,
                        e -> assertThat(e.error()).isEqualTo(CosError.ACCESS_DENIED));
    }
}
