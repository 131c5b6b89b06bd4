package io.camgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The legacy CAM envelope ({@code {"version":1,"componentName":...,"eventId":...,
 * "interface":{"interfaceName":...,"para":{...}}}}), translated to the CAM 3.0 action that does
 * the same, and its answer ({@code returnCode}, {@code returnMessage}, {@code data}). Only the
 * two documented interfaces exist: CreateCamStrategy and OperateCamStrategy.
 */
final class LegacyEnvelope {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode eventId;
    private final String interfaceName;
    private final String action;
    private final ObjectNode params;

    private LegacyEnvelope(JsonNode eventId, String interfaceName, String action, ObjectNode params) {
        this.eventId = eventId;
        this.interfaceName = interfaceName;
        this.action = action;
        this.params = params;
    }

    /** Whether {@code body} is a legacy envelope rather than CAM 3.0 parameters. */
    static boolean is(JsonNode body) {
        return body != null && body.has("interface");
    }

    /** Reads the envelope; a request the envelope cannot express is refused. */
    static LegacyEnvelope read(JsonNode body) throws CamException {
        JsonNode iface = body.path("interface");
        String name = iface.path("interfaceName").asText("");
        JsonNode para = iface.path("para");
        ObjectNode params = NODES.objectNode();
        String action;
        switch (name) {
            case "CreateCamStrategy" -> {
                action = "CreatePolicy";
                copy(para, "strategyName", params, "PolicyName");
                copy(para, "strategyInfo", params, "PolicyDocument");
                copy(para, "remark", params, "Description");
            }
            case "OperateCamStrategy" -> {
                long group = para.path("groupId").asLong(-1);
                long user = para.path("relateUin").asLong(-1);
                int type = para.path("actionType").asInt(0);
                if ((group == -1) == (user == -1) || (type != 1 && type != 2)) {
                    throw new CamException(CamError.PARAM_ERROR, "give groupId or relateUin (the other -1)"
                            + " and actionType 1 (attach) or 2 (detach)");
                }
                boolean attach = type == 1;
                action = (attach ? "Attach" : "Detach") + (user != -1 ? "UserPolicy" : "GroupPolicy");
                copy(para, "strategyId", params, "PolicyId");
                params.put((attach ? "Attach" : "Detach") + (user != -1 ? "Uin" : "GroupId"),
                        Long.toString(user != -1 ? user : group));
            }
            default -> throw new CamException(CamError.INVALID_ACTION, "no interface \"" + name + "\"");
        }
        return new LegacyEnvelope(body.path("eventId"), name, action, params);
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode v = from.get(field);
        if (v != null && !v.isNull()) {
            to.set(as, v.isTextual() ? v : NODES.textNode(v.asText()));
        }
    }

    String action() {
        return action;
    }

    ObjectNode params() {
        return params;
    }

    /** The answer to a successful call, with the 3.0 result renamed to the legacy fields. */
    ObjectNode success(ObjectNode result) {
        ObjectNode data = NODES.objectNode();
        if (interfaceName.equals("CreateCamStrategy")) {
            data.set("strategyId", result.get("PolicyId"));
        }
        return answer(0, "OK", data);
    }

    /** The answer to a refused call. */
    static ObjectNode failure(JsonNode eventId, CamException e) {
        return envelope(eventId, 4000, e.code() + ": " + e.getMessage(), NODES.objectNode());
    }

    ObjectNode failure(CamException e) {
        return failure(eventId, e);
    }

    private ObjectNode answer(int code, String message, ObjectNode data) {
        return envelope(eventId, code, message, data);
    }

    private static ObjectNode envelope(JsonNode eventId, int code, String message, ObjectNode data) {
        ObjectNode out = NODES.objectNode().put("version", 1);
        out.set("eventId", eventId == null || eventId.isMissingNode() ? NODES.nullNode() : eventId);
        out.put("componentName", "CONSOLE_LOGICAL_SERVER").put("returnValue", code).put("returnCode", code)
                .put("returnMessage", message);
        out.set("data", data);
        return out;
    }
}
