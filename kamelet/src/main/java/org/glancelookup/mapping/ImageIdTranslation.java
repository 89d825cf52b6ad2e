package org.glancelookup.mapping;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glancelookup.lookup.Ec2Ids;
import org.glancelookup.lookup.ImageRef;
import org.glancelookup.lookup.LookupFailure;
import org.glancelookup.lookup.LookupRequest;

/**
 * S3ImageService's two translations: the caller's id to a Glance uuid, and the answer's uuids to internal ids.
 * Mappings found or created are kept in memory (at most {@code mapping.cache-size} each way): a row never changes
 * once written, so only ids not found yet go to the store each time.
 */
public class ImageIdTranslation {
    private static final int MAX_UUID_LENGTH = 36;

    private final S3ImageMappingStore store;
    private final boolean createMissing;
    private final Cache<Long, String> uuidById;
    private final Cache<String, Long> idByUuid;

    public ImageIdTranslation(S3ImageMappingStore store, boolean createMissing, int cacheSize) {
        this.store = store;
        this.createMissing = createMissing;
        this.uuidById = Caffeine.newBuilder().maximumSize(cacheSize).build();
        this.idByUuid = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    /** Forward: EC2 or internal id to uuid through the store; a uuid is used as is. */
    public String toUuid(LookupRequest request) throws SQLException {
        ImageRef ref = ImageRef.parse(request.imageId());
        if (ref instanceof ImageRef.Uuid uuid) {
            return uuid.uuid();
        }
        long internalId = ref instanceof ImageRef.Ec2 ec2 ? ec2.internalId() : ((ImageRef.Internal) ref).internalId();
        String known = uuidById.getIfPresent(internalId);
        if (known != null) {
            return known;
        }
        String uuid = store.uuidFor(internalId).orElseThrow(() -> LookupFailure.imageNotFound(request.imageId()));
        remember(internalId, uuid);
        return uuid;
    }

    /**
     * Reverse, on the answer: {@code id} and the {@code kernel_id}/{@code ramdisk_id} properties become internal
     * ids; the message gains {@code uuid} and {@code ec2_id}.
     */
    public Map<String, Object> toInternalIds(Map<String, Object> imageMeta) throws SQLException {
        Map<String, Object> meta = new LinkedHashMap<>(imageMeta);
        Object uuid = meta.get("id");
        Object internalId = internalId(uuid);
        meta.put("id", internalId);
        if (meta.get("properties") instanceof Map<?, ?> props) {
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) props);
            for (String prop : List.of("kernel_id", "ramdisk_id")) {
                if (properties.containsKey(prop)) {
                    properties.put(prop, internalId(properties.get(prop)));
                }
            }
            meta.put("properties", properties);
        }
        meta.put("uuid", uuid);
        meta.put("ec2_id", internalId instanceof Long id ? Ec2Ids.format(id, meta.get("container_format")) : null);
        return meta;
    }

    /** ec2utils.glance_id_to_id: nothing for an empty id; a row is created for an unknown uuid (Nova does). */
    private Object internalId(Object uuid) throws SQLException {
        if (uuid == null || uuid.toString().isEmpty()) {
            return null;
        }
        String key = uuid.toString();
        if (key.length() > MAX_UUID_LENGTH) {
            return null; // cannot be a Glance id, and the column could not hold it
        }
        Long known = idByUuid.getIfPresent(key);
        if (known != null) {
            return known;
        }
        Long id = createMissing ? Long.valueOf(store.idForOrCreate(key)) : store.idFor(key).orElse(null);
        if (id != null) {
            remember(id, key);
        }
        return id;
    }

    private void remember(long id, String uuid) {
        uuidById.put(id, uuid);
        idByUuid.put(uuid, id);
    }
}
