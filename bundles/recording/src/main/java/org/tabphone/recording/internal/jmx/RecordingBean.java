package org.tabphone.recording.internal.jmx;

import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.recording.api.RecordingService;

/** Registered in JMX by the Aries whiteboard through its {@code jmx.objectname} property. */
@Component(service = Object.class, property = "jmx.objectname=org.tabphone:type=Recording")
public final class RecordingBean extends StandardMBean implements RecordingMBean {
    private final RecordingService recordings;

    @Activate
    public RecordingBean(@Reference RecordingService recordings) throws NotCompliantMBeanException {
        super(RecordingMBean.class);
        this.recordings = recordings;
    }

    @Override
    public boolean getEnabled() {
        return recordings.policy().enabled();
    }

    @Override
    public String getDirectory() {
        return recordings.policy().directory();
    }

    @Override
    public String getRules() {
        return String.join(", ", recordings.policy().rules());
    }

    @Override
    public int getActiveRecordings() {
        return recordings.stats().active();
    }

    @Override
    public long getFilesWritten() {
        return recordings.stats().filesWritten();
    }

    @Override
    public long getFramesDropped() {
        return recordings.stats().framesDropped();
    }

    @Override
    public long getFailures() {
        return recordings.stats().failures();
    }
}
